# The JVM options Spark needs on JDK 17 (org.apache.spark.launcher.JavaModuleOptions), as a bash array
# for the scripts that start a JVM with the spark module: ./rp (with --spark) and benchmarks/spark-posterior.sh.
# spark/pom.xml passes the same list to the tests (spark.jvm.args).
spark_jvm_opts=(-XX:+IgnoreUnrecognizedVMOptions -Djdk.reflect.useDirectMethodHandle=false
  -Dio.netty.tryReflectionSetAccessible=true)
for spark_pkg in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util \
    java.util.concurrent java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action \
    sun.util.calendar; do
  spark_jvm_opts+=("--add-opens=java.base/$spark_pkg=ALL-UNNAMED")
done
unset spark_pkg
