package io.helpdesk.query.audit;

import io.helpdesk.eventstore.seal.SealKey;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks an audit export (NDJSON or CSV) against its hash chain and names the first record that does not
 * match, then checks the trailer's signature with the seal's public key: {@code java -jar query-app-*-exec.jar
 * verify-export FILE [--public-key=BASE64]} (or {@code SEAL_PUBLIC_KEYS}). Without a public key only the chain
 * is checked, which anyone who edits the file can recompute; with one, an edited file fails even when its
 * hashes were recomputed. With {@code --files=DIR}, the attachments the events reference are checked too: each
 * file in DIR named by its SHA-256 (as downloaded from the tickets) must hash to its name. Exit code 0 when the
 * file (and the files found) verify, 1 when not, 2 when it cannot be read.
 */
public final class ExportVerifier {

    private static final String CSV_HEADER = String.join(",", AuditRecord.CSV_HEADER) + ",hash";
    /** Exports written before records had a cause: their lines hash as they are, so they verify still. */
    private static final String CSV_HEADER_WITHOUT_CAUSE =
            "position,aggregate_type,aggregate_id,sequence,event_type,timestamp,user,correlation_id,payload,hash";
    private static final Pattern JSON_HASH = Pattern.compile(",\"hash\":\"([0-9a-f]{64})\"}$");
    private static final Pattern CSV_HASH = Pattern.compile(",([0-9a-f]{64})$");
    private static final Pattern JSON_END = Pattern.compile("^\\{\"records\":(\\d+),\"finalHash\":\"([0-9a-f]{64})\""
            + "(?:,\"keyId\":\"([0-9a-f]{16})\",\"signature\":\"([A-Za-z0-9+/=]+)\")?}$");
    private static final Pattern CSV_END = Pattern.compile(
            "^#records=(\\d+),finalHash=([0-9a-f]{64})(?:,keyId=([0-9a-f]{16}),signature=([A-Za-z0-9+/=]+))?$");

    /** A reference to an attachment in a payload, in NDJSON or in a CSV field (quotes doubled). */
    private static final Pattern ATTACHMENT = Pattern.compile("\"{1,2}sha256\"{1,2}:\"{1,2}([0-9a-f]{64})\"");

    private ExportVerifier() {
    }

    /** What became of the attachments an export references, checked against a folder of files named by hash. */
    public record FilesResult(int referenced, int checked, List<String> missing, List<String> mismatched) {

        public boolean ok() {
            return mismatched.isEmpty();
        }

        @Override
        public String toString() {
            return (ok() ? "OK: " : "FAILED: ") + referenced + " attachments referenced, " + checked
                    + " checked against their SHA-256" + (missing.isEmpty() ? "" : ", " + missing.size()
                    + " not in the folder") + (mismatched.isEmpty() ? "" : ", these do not match: " + mismatched);
        }
    }

    /** Every attachment hash the export's payloads name, each file of the folder with that name hashed. */
    public static FilesResult verifyFiles(Path export, Path folder) throws IOException {
        java.util.Set<String> referenced = new java.util.TreeSet<>();
        try (var lines = Files.lines(export, StandardCharsets.UTF_8)) {
            lines.forEach(line -> {
                Matcher reference = ATTACHMENT.matcher(line);
                while (reference.find()) {
                    referenced.add(reference.group(1));
                }
            });
        }
        List<String> missing = new ArrayList<>();
        List<String> mismatched = new ArrayList<>();
        int checked = 0;
        for (String sha256 : referenced) {
            Path file = folder.resolve(sha256);
            if (!Files.isRegularFile(file)) {
                missing.add(sha256);
                continue;
            }
            java.security.MessageDigest digest;
            try {
                digest = java.security.MessageDigest.getInstance("SHA-256");
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
            }
            try (var in = new java.security.DigestInputStream(Files.newInputStream(file), digest)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            checked++;
            if (!java.util.HexFormat.of().formatHex(digest.digest()).equals(sha256)) {
                mismatched.add(sha256);
            }
        }
        return new FilesResult(referenced.size(), checked, missing, mismatched);
    }

    /** The verdict: {@code ok}, or the first line that fails and why; {@code signedBy} the key that signed it. */
    public record Result(boolean ok, long records, long failedLine, String reason, String signedBy) {

        @Override
        public String toString() {
            return ok ? "OK: " + records + " records, hash chain intact, " + (signedBy == null
                    ? "signature NOT checked (give the seal's public key to check it)"
                    : "signed by key " + signedBy)
                    : "FAILED at line " + failedLine + ": " + reason;
        }
    }

    /** The bytes an export's trailer signs: the ASCII text {@code helpdesk-export-v1 RECORDS FINALHASH}. */
    public static byte[] signed(long records, String finalHash) {
        return ("helpdesk-export-v1 " + records + " " + finalHash).getBytes(StandardCharsets.US_ASCII);
    }

    public static void main(String[] args) {
        String file = null;
        String files = null;
        List<SealKey.Verifier> keys = new ArrayList<>();
        String fromEnvironment = System.getenv("SEAL_PUBLIC_KEYS");
        try {
            if (fromEnvironment != null) {
                for (String key : fromEnvironment.split(",")) {
                    if (!key.isBlank()) {
                        keys.add(SealKey.Verifier.of(key));
                    }
                }
            }
            for (String arg : args) {
                if (arg.startsWith("--public-key=")) {
                    keys.add(SealKey.Verifier.of(arg.substring("--public-key=".length())));
                } else if (arg.startsWith("--files=")) {
                    files = arg.substring("--files=".length());
                } else if (file == null) {
                    file = arg;
                } else {
                    file = null;
                    break;
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
        if (file == null) {
            System.err.println("usage: verify-export FILE [--public-key=BASE64]... [--files=DIR]");
            System.exit(2);
        }
        try {
            Result result = verify(Path.of(file), keys);
            System.out.println(result);
            boolean ok = result.ok();
            if (ok && files != null) {
                FilesResult checked = verifyFiles(Path.of(file), Path.of(files));
                System.out.println(checked);
                ok = checked.ok();
            }
            System.exit(ok ? 0 : 1);
        } catch (IOException e) {
            System.err.println("cannot read " + file + ": " + e.getMessage());
            System.exit(2);
        }
    }

    /**
     * Checks the chain and, when keys are given, that the trailer is signed by one of them (an unsigned trailer
     * then fails).
     */
    public static Result verify(Path file, List<SealKey.Verifier> keys) throws IOException {
        // Lenient decoding: a damaged byte becomes U+FFFD, so the record's hash fails instead of the read.
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
                                                                              StandardCharsets.UTF_8))) {
            String line = reader.readLine();
            long lineNumber = 1;
            boolean csv = line != null && !line.startsWith("{");
            if (csv) {
                if (!line.equals(CSV_HEADER) && !line.equals(CSV_HEADER_WITHOUT_CAUSE)) {
                    return new Result(false, 0, 1, "the CSV header is not the export's", null);
                }
                line = reader.readLine();
                lineNumber++;
            }
            HashChain chain = new HashChain();
            while (line != null) {
                Matcher end = (csv ? CSV_END : JSON_END).matcher(line);
                if (end.matches()) {
                    if (reader.readLine() != null) {
                        return new Result(false, chain.records(), lineNumber + 1, "text after the final hash", null);
                    }
                    if (Long.parseLong(end.group(1)) != chain.records()) {
                        return new Result(false, chain.records(), lineNumber,
                                          "the export says " + end.group(1) + " records, the file has "
                                                  + chain.records(), null);
                    }
                    if (!end.group(2).equals(chain.last())) {
                        return new Result(false, chain.records(), lineNumber, "the final hash does not match", null);
                    }
                    if (keys.isEmpty()) {
                        return new Result(true, chain.records(), 0, null, null);
                    }
                    if (end.group(3) == null) {
                        return new Result(false, chain.records(), lineNumber, "the export is not signed", null);
                    }
                    SealKey.Verifier key = keys.stream().filter(k -> k.keyId().equals(end.group(3))).findFirst()
                                               .orElse(null);
                    if (key == null) {
                        return new Result(false, chain.records(), lineNumber, "the export is signed with key "
                                + end.group(3) + ", which is not among the keys given", null);
                    }
                    byte[] signature;
                    try {
                        signature = Base64.getDecoder().decode(end.group(4));
                    } catch (IllegalArgumentException e) {
                        signature = new byte[0];
                    }
                    if (!Base64.getEncoder().encodeToString(signature).equals(end.group(4))) {
                        // Only the canonical base64 of a signature is one: no second spelling of the same bytes.
                        signature = new byte[0];
                    }
                    if (!key.verifies(signed(chain.records(), chain.last()), signature)) {
                        return new Result(false, chain.records(), lineNumber, "the signature does not match: the "
                                + "file was changed (and its hashes recomputed) after it was exported", null);
                    }
                    return new Result(true, chain.records(), 0, null, key.keyId());
                }
                Matcher hash = (csv ? CSV_HASH : JSON_HASH).matcher(line);
                if (!hash.find()) {
                    return new Result(false, chain.records(), lineNumber, "record " + (chain.records() + 1)
                            + " has no hash", null);
                }
                String canonical = csv ? line.substring(0, hash.start())
                        : line.substring(0, hash.start()) + "}";
                if (!chain.next(canonical).equals(hash.group(1))) {
                    return new Result(false, chain.records() - 1, lineNumber, "record " + chain.records()
                            + " does not match its hash (changed, or a record before it was)", null);
                }
                line = reader.readLine();
                lineNumber++;
            }
            return new Result(false, chain.records(), lineNumber, "the final hash line is missing", null);
        }
    }
}
