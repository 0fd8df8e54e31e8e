package org.robotphysicist.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.robotphysicist.data.MalformedDataException;
import org.robotphysicist.data.dataset.ColumnRole;
import org.robotphysicist.data.dataset.DatasetSchema;
import org.robotphysicist.data.dataset.EventBlocks;
import org.robotphysicist.data.dataset.EventDataset;
import org.robotphysicist.data.io.Sha256;

/**
 * Parquet event datasets ({@link SparkSimulation}'s directories of {@code part-NNNNN.parquet}
 * files, or single files) read one row group at a time on this JVM, with no Spark session: the
 * blocks of {@link EventBlocks} are the files' row groups, files in the order given and, within a
 * directory, by name (hidden files and names starting with {@code _} skipped). A block is read
 * column by column ({@link ColumnReadStoreImpl}) into an (n, C) table, so memory holds one row
 * group at a time.
 *
 * <p>Columns must be named {@code x:NAME}, {@code theta:NAME} or {@code phi:NAME}
 * ({@link EventColumns}), be float64, and be the same in every file (in any order); a null, NaN or
 * ±∞ value is refused naming the file, event and column. Each file's SHA-256 is computed when the
 * dataset is opened, for the model's provenance.
 */
public final class ParquetEventBlocks implements EventBlocks {
    /** One row group: the file it is in (index into {@link #files}), its index there, its rows and first event. */
    private record RowGroup(int file, int index, int rows, long firstEvent) {
    }

    private final Configuration conf;
    private final List<String> files;
    private final Map<String, String> sha256;
    private final DatasetSchema schema;
    /** For each file, the dataset column (x, θ, φ order) each Parquet column fills. */
    private final List<int[]> targets;
    private final List<MessageType> fileTypes;
    private final List<String> createdBy;
    private final List<RowGroup> groups;

    private ParquetEventBlocks(Configuration conf, List<String> files, Map<String, String> sha256,
            DatasetSchema schema, List<int[]> targets, List<MessageType> fileTypes, List<String> createdBy,
            List<RowGroup> groups) {
        this.conf = conf;
        this.files = files;
        this.sha256 = sha256;
        this.schema = schema;
        this.targets = targets;
        this.fileTypes = fileTypes;
        this.createdBy = createdBy;
        this.groups = groups;
    }

    /**
     * Opens the Parquet files at {@code paths} (files, or directories of {@code *.parquet} files):
     * reads their footers and hashes them; no rows are read.
     *
     * @throws MalformedDataException when a path holds no Parquet file, a file is not Parquet, or the
     *         columns are not event columns or differ between files
     */
    public static ParquetEventBlocks open(List<String> paths) {
        if (paths.isEmpty()) {
            throw new MalformedDataException("Parquet events: expected at least one file or directory but found none");
        }
        Configuration conf = new Configuration();
        List<String> files = new ArrayList<>();
        for (String p : paths) {
            files.addAll(listFiles(new Path(p), conf));
        }
        Map<String, String> hashes = new LinkedHashMap<>();
        List<int[]> targets = new ArrayList<>();
        List<MessageType> types = new ArrayList<>();
        List<String> createdBy = new ArrayList<>();
        List<RowGroup> groups = new ArrayList<>();
        DatasetSchema schema = null;
        for (int f = 0; f < files.size(); f++) {
            String file = files.get(f);
            if (hashes.put(file, sha256(new Path(file), conf)) != null) {
                throw new MalformedDataException("Parquet events: expected each file once but found " + file + " twice");
            }
            ParquetMetadata footer = footer(file, conf);
            MessageType type = footer.getFileMetaData().getSchema();
            DatasetSchema found = schemaOf(file, type);
            if (schema == null) {
                schema = found;
            } else if (!found.equals(schema)) {
                throw new MalformedDataException(file + ": expected the columns " + EventColumns.names(schema)
                        + " of " + files.get(0) + " but found " + EventColumns.names(found));
            }
            targets.add(targetsOf(type, schema));
            types.add(type);
            createdBy.add(footer.getFileMetaData().getCreatedBy());
            long first = 0;
            List<BlockMetaData> blocks = footer.getBlocks();
            for (int g = 0; g < blocks.size(); g++) {
                long rows = blocks.get(g).getRowCount();
                if (rows > Integer.MAX_VALUE) {
                    throw new MalformedDataException(file + " row group " + g + ": expected at most "
                            + Integer.MAX_VALUE + " rows but found " + rows);
                }
                if (rows > 0) {
                    groups.add(new RowGroup(f, g, (int) rows, first));
                }
                first += rows;
            }
        }
        if (groups.isEmpty()) {
            throw new MalformedDataException("Parquet events " + paths + ": expected at least one event but the files"
                    + " hold none");
        }
        return new ParquetEventBlocks(conf, List.copyOf(files), hashes, schema, targets, types, createdBy,
                List.copyOf(groups));
    }

    private static List<String> listFiles(Path path, Configuration conf) {
        try {
            FileSystem fs = path.getFileSystem(conf);
            if (!fs.exists(path)) {
                throw new MalformedDataException(path + ": expected a Parquet file or a directory of them but found"
                        + " nothing there");
            }
            FileStatus status = fs.getFileStatus(path);
            if (!status.isDirectory()) {
                return List.of(status.getPath().toString());
            }
            List<String> out = new ArrayList<>();
            for (FileStatus s : fs.listStatus(path)) {
                String name = s.getPath().getName();
                if (s.isFile() && name.endsWith(".parquet") && !name.startsWith(".") && !name.startsWith("_")) {
                    out.add(s.getPath().toString());
                }
            }
            if (out.isEmpty()) {
                throw new MalformedDataException(path + ": expected Parquet files (*.parquet) in the directory but"
                        + " found none");
            }
            out.sort(String::compareTo);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + path + ": " + e.getMessage(), e);
        }
    }

    private static ParquetMetadata footer(String file, Configuration conf) {
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(new Path(file), conf))) {
            return reader.getFooter();
        } catch (IOException | RuntimeException e) {
            throw new MalformedDataException(file + ": expected a Parquet file but it could not be read as one ("
                    + e.getMessage() + ")");
        }
    }

    /** The dataset schema of a file's columns: each {@code role:NAME}, float64; roles in x, θ, φ order. */
    private static DatasetSchema schemaOf(String file, MessageType type) {
        List<List<String>> names = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (Type field : type.getFields()) {
            String name = field.getName();
            int colon = name.indexOf(':');
            ColumnRole role = colon < 0 ? null : ColumnRole.ofPrefix(name.substring(0, colon));
            if (role == null || colon == name.length() - 1) {
                throw new MalformedDataException(file + " column '" + name + "': expected a column named x:NAME,"
                        + " theta:NAME or phi:NAME (as rp simulate --spark writes) but found " + columns(type));
            }
            if (!field.isPrimitive() || field.asPrimitiveType().getPrimitiveTypeName()
                    != PrimitiveType.PrimitiveTypeName.DOUBLE || field.isRepetition(Type.Repetition.REPEATED)) {
                throw new MalformedDataException(file + " column '" + name + "': expected double values but found "
                        + field);
            }
            names.get(role.ordinal()).add(name.substring(colon + 1));
        }
        try {
            return new DatasetSchema(names.get(0), names.get(1), names.get(2));
        } catch (RuntimeException e) {
            throw new MalformedDataException(file + ": expected event columns but found " + columns(type) + " ("
                    + e.getMessage() + ")");
        }
    }

    private static List<String> columns(MessageType type) {
        return type.getFields().stream().map(Type::getName).toList();
    }

    /** For each Parquet column of {@code type}, its index in the (x, θ, φ) order of {@code schema}. */
    private static int[] targetsOf(MessageType type, DatasetSchema schema) {
        List<String> order = EventColumns.names(schema);
        int[] out = new int[type.getFieldCount()];
        for (int j = 0; j < out.length; j++) {
            out[j] = order.indexOf(type.getFieldName(j));
        }
        return out;
    }

    @Override
    public DatasetSchema schema() {
        return schema;
    }

    @Override
    public int blockCount() {
        return groups.size();
    }

    @Override
    public int blockSize(int block) {
        return groups.get(block).rows();
    }

    @Override
    public String describeBlock(int block) {
        RowGroup g = groups.get(block);
        return files.get(g.file()) + " row group " + g.index() + " (events " + (g.firstEvent() + 1) + " to "
                + (g.firstEvent() + g.rows()) + " of the file)";
    }

    @Override
    public EventDataset block(int block) {
        RowGroup g = groups.get(block);
        String file = files.get(g.file());
        MessageType type = fileTypes.get(g.file());
        int[] target = targets.get(g.file());
        int width = schema.width();
        double[] table = new double[Math.multiplyExact(g.rows(), width)];
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(new Path(file), conf))) {
            PageReadStore pages = reader.readRowGroup(g.index());
            ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages,
                    new GroupRecordConverter(type).getRootConverter(), type, createdBy.get(g.file()));
            List<ColumnDescriptor> columns = type.getColumns();
            for (int j = 0; j < columns.size(); j++) {
                ColumnDescriptor column = columns.get(j);
                ColumnReader values = store.getColumnReader(column);
                int maxDefinition = column.getMaxDefinitionLevel();
                for (int r = 0; r < g.rows(); r++) {
                    String name = type.getFieldName(j);
                    if (values.getCurrentDefinitionLevel() < maxDefinition) {
                        throw new MalformedDataException(file + " event " + (g.firstEvent() + r + 1) + " column '"
                                + name + "': expected a number but found null");
                    }
                    double v = values.getDouble();
                    if (!Double.isFinite(v)) {
                        throw new MalformedDataException(file + " event " + (g.firstEvent() + r + 1) + " column '"
                                + name + "': expected a finite number but found " + v);
                    }
                    table[r * width + target[j]] = v;
                    values.consume();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + describeBlock(block) + ": " + e.getMessage(), e);
        }
        return EventDataset.of(schema, g.rows(), table);
    }

    @Override
    public List<String> files() {
        return files;
    }

    @Override
    public Map<String, String> sha256() {
        return java.util.Collections.unmodifiableMap(sha256);
    }

    @Override
    public void close() {
        // every read opens and closes its own reader
    }

    private static String sha256(Path file, Configuration conf) {
        try (InputStream in = file.getFileSystem(conf).open(file)) {
            return Sha256.of(in);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "Parquet events " + files + ": " + size() + " rows in " + groups.size()
                + " row group(s)";
    }
}
