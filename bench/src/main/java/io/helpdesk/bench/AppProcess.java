package io.helpdesk.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One of the packaged apps, started as its own JVM the way run.sh starts it. */
final class AppProcess implements AutoCloseable {

    /** USER_HZ: the unit of /proc's CPU times; 100 on Linux on every architecture the JDK runs on. */
    static final long CLOCK_TICKS = 100;

    private final String name;
    private final Process process;
    private final int port;

    AppProcess(String name, Path root, Path logs, int port, List<String> jvmOptions, Map<String, String> env)
            throws IOException {
        this(name, name, root, logs, port, jvmOptions, env);
    }

    /** @param instance the instance's name, for its log ({@code <instance>.log}) when several run at once */
    AppProcess(String name, String instance, Path root, Path logs, int port, List<String> jvmOptions,
               Map<String, String> env) throws IOException {
        this(instance, javaCommand(Path.of(System.getProperty("java.home")), jvmOptions,
                                   jar(root.resolve(name).resolve("target"), name + "-*-exec.jar")),
             logs, port, env);
    }

    /** An app started by the given command line (another JDK, an extracted jar, an archive of classes). */
    AppProcess(String instance, List<String> command, Path logs, int port, Map<String, String> env)
            throws IOException {
        this.name = instance;
        this.port = port;
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                                                            .redirectOutput(log(logs.resolve(instance + ".log")));
        builder.environment().putAll(env);
        this.process = builder.start();
        // Also when the bench itself is stopped: the app does not outlive it.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
    }

    private static final java.util.Set<Path> STARTED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** A new log per run; an app started again in the same run (after a kill) appends to its predecessor's. */
    private static ProcessBuilder.Redirect log(Path file) {
        return STARTED.add(file) ? ProcessBuilder.Redirect.to(file.toFile())
                                 : ProcessBuilder.Redirect.appendTo(file.toFile());
    }

    /** What both apps are started with: the database, the token and link keys, their ports. */
    static Map<String, String> environment(Postgres.Server db, String secret, int commandPort, int queryPort) {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        env.put("DB_HOST", db.host());
        env.put("DB_PORT", String.valueOf(db.port()));
        env.put("DB_NAME", db.name());
        env.put("DB_USER", db.user());
        env.put("DB_PASSWORD", db.password());
        env.put("JWT_HMAC_SECRET", secret);
        env.put("SEAL_PRIVATE_KEY", sealKey(secret));
        env.put("COMMAND_PORT", String.valueOf(commandPort));
        env.put("QUERY_PORT", String.valueOf(queryPort));
        env.put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        // As a deployment with chat sets it: replies to chat customers go out through their conversation link.
        env.put("LINK_KEY", sealKey(secret + "-links"));
        return env;
    }

    /** The seal's key for the bench's runs, from the token key: any 32 bytes will do. */
    static String sealKey(String secret) {
        return java.util.Base64.getEncoder().encodeToString(
                java.util.Arrays.copyOf(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), 32));
    }

    void awaitHealthy(Duration timeout) throws InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited during start-up; see its log");
            }
            try {
                HttpResponse<Void> health = client.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " was not healthy within " + timeout);
    }

    /** The process id: Axon's token claims name their instance {@code <pid>@<host>}. */
    long pid() {
        return process.pid();
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Resident set size of the process, from /proc (Linux). */
    long residentBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IOException("no VmRSS for " + name);
    }

    /** CPU time the process has used so far (user and system), from /proc (Linux). */
    Duration cpuTime() throws IOException {
        return Duration.ofMillis(ticks(Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat")))
                                         * 1000 / CLOCK_TICKS);
    }

    /**
     * CPU time the JVM's JIT compiler threads have used so far (Linux): while it still grows fast, the app runs
     * code the compiler has not finished with. On two cores the JVM has one C1 and one C2 thread, which it keeps.
     */
    Duration compilerCpuTime() throws IOException {
        long ticks = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", String.valueOf(process.pid()),
                                                                            "task"))) {
            for (Path task : tasks) {
                try {
                    String thread = Files.readString(task.resolve("comm")).trim();
                    if (thread.startsWith("C1 Compiler") || thread.startsWith("C2 Compiler")) {
                        ticks += ticks(Files.readString(task.resolve("stat")));
                    }
                } catch (NoSuchFileException ended) {
                    // a thread that ended between the listing and the read
                }
            }
        }
        return Duration.ofMillis(ticks * 1000 / CLOCK_TICKS);
    }

    /** utime + stime of a /proc stat line, in clock ticks. */
    static long ticks(String stat) {
        return ticks(stat, false);
    }

    /** utime + stime of a /proc stat line, with cutime + cstime (the children it waited for) when asked. */
    static long ticks(String stat, boolean withReapedChildren) {
        // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are 14, 15,
        // cutime and cstime 16, 17.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return withReapedChildren ? ticks + Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : ticks;
    }

    /** {@code <javaHome>/bin/java <options> -jar <jar>} */
    static List<String> javaCommand(Path javaHome, List<String> options, Path jar) {
        List<String> command = new ArrayList<>();
        command.add(javaHome.resolve("bin").resolve("java").toString());
        command.addAll(options);
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }

    /** The app's packaged jar, as run.sh starts it. */
    static Path packagedJar(Path root, String name) throws IOException {
        return jar(root.resolve(name).resolve("target"), name + "-*-exec.jar");
    }

    private static Path jar(Path directory, String glob) throws IOException {
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(directory, glob)) {
            for (Path jar : jars) {
                return jar;
            }
        }
        throw new IOException("no " + glob + " in " + directory + ": build first (./mvnw -DskipTests package)");
    }

    /** SIGKILL: the process gets no chance to finish anything. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** SIGTERM, then up to {@code patience} for the JVM to finish what it does at exit (an archive it writes). */
    boolean stop(Duration patience) throws InterruptedException {
        process.destroy();
        boolean ended = process.waitFor(patience.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        if (!ended) {
            process.destroyForcibly().waitFor();
        }
        return ended;
    }

    /** The process's exit, after it ended on its own (a run that exits once its context is refreshed). */
    int awaitExit(Duration patience) throws InterruptedException {
        if (!process.waitFor(patience.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException(name + " did not exit within " + patience);
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        stop(Duration.ofSeconds(20));
    }
}
