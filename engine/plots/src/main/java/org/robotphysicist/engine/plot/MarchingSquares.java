package org.robotphysicist.engine.plot;

import java.util.ArrayList;
import java.util.List;

/**
 * Contour lines of a function sampled on a regular grid, by marching squares: each grid square
 * whose corners straddle the level contributes one segment (two at a saddle, resolved by the
 * value at the square's centre), with end points linearly interpolated along the square's edges.
 *
 * <p>Values are indexed {@code f[i * ny + j]} for the point (x[i], y[j]) (the last axis fastest, as
 * in {@link org.robotphysicist.data.RegularGrid}).
 */
final class MarchingSquares {
    private MarchingSquares() {
    }

    /** A contour as polyline pieces: x and y with NaN in y between segments (XChart breaks lines there). */
    record Polyline(double[] x, double[] y) {
    }

    static Polyline contour(double[] x, double[] y, double[] f, double level) {
        int nx = x.length;
        int ny = y.length;
        List<double[]> segments = new ArrayList<>();
        for (int i = 0; i + 1 < nx; i++) {
            for (int j = 0; j + 1 < ny; j++) {
                // corners: 0 = (i, j), 1 = (i+1, j), 2 = (i+1, j+1), 3 = (i, j+1)
                double[] cx = {x[i], x[i + 1], x[i + 1], x[i]};
                double[] cy = {y[j], y[j], y[j + 1], y[j + 1]};
                double[] v = {f[i * ny + j], f[(i + 1) * ny + j], f[(i + 1) * ny + j + 1], f[i * ny + j + 1]};
                double[][] crossing = new double[4][];
                int count = 0;
                for (int e = 0; e < 4; e++) {
                    int a = e;
                    int b = (e + 1) % 4;
                    if ((v[a] >= level) != (v[b] >= level)) {
                        double t = (level - v[a]) / (v[b] - v[a]);
                        crossing[e] = new double[] {cx[a] + t * (cx[b] - cx[a]), cy[a] + t * (cy[b] - cy[a])};
                        count++;
                    }
                }
                if (count == 2) {
                    double[] p = null;
                    for (double[] c : crossing) {
                        if (c != null) {
                            if (p == null) {
                                p = c;
                            } else {
                                segments.add(new double[] {p[0], p[1], c[0], c[1]});
                            }
                        }
                    }
                } else if (count == 4) {
                    boolean centreInside = (v[0] + v[1] + v[2] + v[3]) / 4 >= level;
                    boolean corner0Inside = v[0] >= level;
                    // edges e meet at corner (e + 1) % 4: (0,1) at corner 1, (1,2) at 2, (2,3) at 3, (3,0) at 0
                    if (centreInside == corner0Inside) {
                        // the inside region joins corners 0 and 2 (or the outside joins them): cut off corners 1 and 3
                        segments.add(join(crossing[0], crossing[1]));
                        segments.add(join(crossing[2], crossing[3]));
                    } else {
                        segments.add(join(crossing[3], crossing[0]));
                        segments.add(join(crossing[1], crossing[2]));
                    }
                }
            }
        }
        double[] xs = new double[3 * segments.size()];
        double[] ys = new double[3 * segments.size()];
        for (int k = 0; k < segments.size(); k++) {
            double[] s = segments.get(k);
            xs[3 * k] = s[0];
            ys[3 * k] = s[1];
            xs[3 * k + 1] = s[2];
            ys[3 * k + 1] = s[3];
            xs[3 * k + 2] = s[2];
            ys[3 * k + 2] = Double.NaN;
        }
        return new Polyline(xs, ys);
    }

    private static double[] join(double[] a, double[] b) {
        return new double[] {a[0], a[1], b[0], b[1]};
    }
}
