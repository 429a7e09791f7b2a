package io.helpdesk.query.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks an audit export (NDJSON or CSV) against its hash chain and names the first record that does not
 * match: {@code java -jar query-app-*-exec.jar verify-export FILE}. Exit code 0 when the file verifies, 1 when
 * it does not, 2 when it cannot be read.
 */
public final class ExportVerifier {

    private static final String CSV_HEADER = String.join(",", AuditRecord.CSV_HEADER) + ",hash";
    private static final Pattern JSON_HASH = Pattern.compile(",\"hash\":\"([0-9a-f]{64})\"}$");
    private static final Pattern CSV_HASH = Pattern.compile(",([0-9a-f]{64})$");
    private static final Pattern JSON_END = Pattern.compile("^\\{\"records\":(\\d+),\"finalHash\":\"([0-9a-f]{64})\"}$");
    private static final Pattern CSV_END = Pattern.compile("^#records=(\\d+),finalHash=([0-9a-f]{64})$");

    private ExportVerifier() {
    }

    /** The verdict: {@code ok}, or the first line that fails and why. */
    public record Result(boolean ok, long records, long failedLine, String reason) {

        @Override
        public String toString() {
            return ok ? "OK: " + records + " records, hash chain intact"
                    : "FAILED at line " + failedLine + ": " + reason;
        }
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: verify-export FILE");
            System.exit(2);
        }
        try {
            Result result = verify(Path.of(args[0]));
            System.out.println(result);
            System.exit(result.ok() ? 0 : 1);
        } catch (IOException e) {
            System.err.println("cannot read " + args[0] + ": " + e.getMessage());
            System.exit(2);
        }
    }

    public static Result verify(Path file) throws IOException {
        // Lenient decoding: a damaged byte becomes U+FFFD, so the record's hash fails instead of the read.
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
                                                                              StandardCharsets.UTF_8))) {
            String line = reader.readLine();
            long lineNumber = 1;
            boolean csv = line != null && !line.startsWith("{");
            if (csv) {
                if (!line.equals(CSV_HEADER)) {
                    return new Result(false, 0, 1, "the CSV header is not the export's");
                }
                line = reader.readLine();
                lineNumber++;
            }
            HashChain chain = new HashChain();
            while (line != null) {
                Matcher end = (csv ? CSV_END : JSON_END).matcher(line);
                if (end.matches()) {
                    if (reader.readLine() != null) {
                        return new Result(false, chain.records(), lineNumber + 1, "text after the final hash");
                    }
                    if (Long.parseLong(end.group(1)) != chain.records()) {
                        return new Result(false, chain.records(), lineNumber,
                                          "the export says " + end.group(1) + " records, the file has "
                                                  + chain.records());
                    }
                    if (!end.group(2).equals(chain.last())) {
                        return new Result(false, chain.records(), lineNumber, "the final hash does not match");
                    }
                    return new Result(true, chain.records(), 0, null);
                }
                Matcher hash = (csv ? CSV_HASH : JSON_HASH).matcher(line);
                if (!hash.find()) {
                    return new Result(false, chain.records(), lineNumber, "record " + (chain.records() + 1)
                            + " has no hash");
                }
                String canonical = csv ? line.substring(0, hash.start())
                        : line.substring(0, hash.start()) + "}";
                if (!chain.next(canonical).equals(hash.group(1))) {
                    return new Result(false, chain.records() - 1, lineNumber, "record " + chain.records()
                            + " does not match its hash (changed, or a record before it was)");
                }
                line = reader.readLine();
                lineNumber++;
            }
            return new Result(false, chain.records(), lineNumber, "the final hash line is missing");
        }
    }
}
