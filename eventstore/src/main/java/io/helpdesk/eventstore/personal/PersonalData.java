package io.helpdesk.eventstore.personal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Optional;

/**
 * Crypto-shredding of personal data in events. On append each personal field ({@link PersonalFields}) is replaced
 * by {@code enc:v1:} and the Base64 of a random 12-byte IV and its AES-256-GCM ciphertext under its subject's key,
 * with the subject and the field's name as associated data (a value cannot be moved to another subject or
 * field unnoticed). On reading, each is decrypted, or replaced by a placeholder when its subject's key is gone.
 * The stored rows never change: the seal and every export's hash chain cover the ciphertext.
 */
public class PersonalData {

    public static final String PREFIX = "enc:v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * One AES-GCM cipher per thread, initialised anew for each value: looking the provider's cipher up for every
     * value took most of the time. Measured warm on a TicketOpened (five fields): sealing 16.1 us before, 4.5 us
     * after; opening (parse included) 15.7 us before, 3.2 us after.
     */
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    });

    private final SubjectKeys keys;

    public PersonalData(SubjectKeys keys) {
        this.keys = keys;
    }

    public SubjectKeys keys() {
        return keys;
    }

    /** The payload as stored: its personal fields encrypted in the transaction of {@code connection}. */
    public byte[] seal(String payloadType, String aggregateId, byte[] payload, Connection connection)
            throws SQLException {
        if (!PersonalFields.any(payloadType)) {
            return payload;
        }
        try {
            JsonNode tree = JSON.readTree(payload);
            if (!(tree instanceof ObjectNode fields)) {
                return payload;
            }
            boolean changed = false;
            for (PersonalFields.Field field : PersonalFields.of(payloadType)) {
                JsonNode value = fields.get(field.name());
                if (value == null || value.isNull() || value.isTextual() && value.asText().startsWith(PREFIX)) {
                    continue;
                }
                String subject = subject(field, aggregateId, fields);
                if (subject == null) {
                    continue;
                }
                Optional<SecretKey> key = keys.forAppend(connection, subject);
                if (key.isEmpty()) {
                    // About an erased subject: stored as erased, as it would read.
                    fields.set(field.name(), erased(field));
                } else {
                    String plain = field.json() ? JSON.writeValueAsString(value) : value.asText();
                    fields.put(field.name(), encrypt(key.get(), subject, field.name(), plain));
                }
                changed = true;
            }
            return changed ? JSON.writeValueAsBytes(fields) : payload;
        } catch (IOException e) {
            throw new IllegalStateException("an event's payload is not JSON", e);
        }
    }

    /** Decrypts the personal fields of a payload in place; those whose subject's key is gone read as erased. */
    public void open(String payloadType, String aggregateId, JsonNode payload) {
        if (!(payload instanceof ObjectNode fields)) {
            return;
        }
        for (PersonalFields.Field field : PersonalFields.of(payloadType)) {
            JsonNode value = fields.get(field.name());
            if (value == null || !value.isTextual() || !value.asText().startsWith(PREFIX)) {
                continue;
            }
            String subject = subject(field, aggregateId, fields);
            Optional<String> plain = subject == null ? Optional.empty()
                    : keys.find(subject).map(key -> decrypt(key, subject, field.name(), value.asText()));
            fields.set(field.name(), plain.map(text -> field.json() ? parse(text) : (JsonNode) TextNode.valueOf(text))
                                          .orElseGet(() -> erased(field)));
        }
    }

    /** What an erased field reads as: the placeholder text, an empty object or an empty list. */
    private static JsonNode erased(PersonalFields.Field field) {
        return !field.json() ? TextNode.valueOf(PersonalFields.ERASED)
                : field.object() ? JsonNodeFactory.instance.objectNode() : JsonNodeFactory.instance.arrayNode();
    }

    /** A stored payload's JSON with its personal fields decrypted (or erased), for exports. */
    public String openJson(String payloadType, String aggregateId, String payload) {
        if (!PersonalFields.any(payloadType) || !payload.contains(PREFIX)) {
            return payload;
        }
        try {
            JsonNode tree = JSON.readTree(payload);
            open(payloadType, aggregateId, tree);
            return JSON.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            return payload;
        }
    }

    private static String subject(PersonalFields.Field field, String aggregateId, ObjectNode fields) {
        if (field.subjectField() == null) {
            return aggregateId;
        }
        JsonNode subject = fields.get(field.subjectField());
        return subject == null || !subject.isTextual() ? null : subject.asText();
    }

    private static String encrypt(SecretKey key, String subject, String field, String plain) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(aad(subject, field));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    private static String decrypt(SecretKey key, String subject, String field, String value) {
        try {
            byte[] data = Base64.getDecoder().decode(value.substring(PREFIX.length()));
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, data, 0, IV_BYTES));
            cipher.updateAAD(aad(subject, field));
            return new String(cipher.doFinal(data, IV_BYTES, data.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("personal data of " + subject + " (" + field
                    + ") does not decrypt with its key: it was changed in the store", e);
        }
    }

    private static byte[] aad(String subject, String field) {
        return (subject + "/" + field).getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("decrypted personal data is not JSON", e);
        }
    }
}
