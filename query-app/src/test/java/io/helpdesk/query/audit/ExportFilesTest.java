package io.helpdesk.query.audit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The attachments an export's events reference, checked against a folder of the files (named by their SHA-256,
 * as they are downloaded): in NDJSON and in CSV, where the payload's quotes are doubled.
 */
class ExportFilesTest {

    @TempDir
    Path folder;

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void every_referenced_file_found_must_hash_to_its_name_and_the_missing_ones_are_counted() throws Exception {
        byte[] invoice = "the invoice".getBytes(StandardCharsets.UTF_8);
        byte[] photo = "the photo".getBytes(StandardCharsets.UTF_8);
        String invoiceHash = sha256(invoice);
        String photoHash = sha256(photo);
        String absent = "0".repeat(64);
        Path ndjson = folder.resolve("audit.ndjson");
        Files.writeString(ndjson, "{\"position\":1,\"payload\":{\"attachments\":[{\"sha256\":\"" + invoiceHash
                + "\",\"name\":\"invoice.pdf\"},{\"sha256\":\"" + absent + "\"}]}}\n"
                + "position,payload\n2,\"{\"\"attachments\"\":[{\"\"sha256\"\":\"\"" + photoHash + "\"\"}]}\"\n");
        Path files = Files.createDirectory(folder.resolve("files"));
        Files.write(files.resolve(invoiceHash), invoice);
        Files.write(files.resolve(photoHash), photo);

        ExportVerifier.FilesResult result = ExportVerifier.verifyFiles(ndjson, files);
        assertThat(result.ok()).isTrue();
        assertThat(result.referenced()).isEqualTo(3);
        assertThat(result.checked()).isEqualTo(2);
        assertThat(result.missing()).containsExactly(absent);

        Files.writeString(files.resolve(photoHash), "another photo");
        ExportVerifier.FilesResult changed = ExportVerifier.verifyFiles(ndjson, files);
        assertThat(changed.ok()).isFalse();
        assertThat(changed.mismatched()).containsExactly(photoHash);
        assertThat(changed.toString()).startsWith("FAILED").contains(photoHash);
    }
}
