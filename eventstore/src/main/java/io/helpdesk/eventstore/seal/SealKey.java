package io.helpdesk.eventstore.seal;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The key that signs the seal's checkpoints and the audit exports: Ed25519 (RFC 8032), so that whoever verifies
 * needs only the public key and cannot sign themselves. Configured as the base64 of the 32-byte private key
 * ({@code openssl rand -base64 32}); the database never holds it. The JDK's own Ed25519 does the work.
 */
public final class SealKey {

    /** The DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410), before the 32 raw bytes of the key. */
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private final PrivateKey privateKey;
    private final Verifier verifier;

    private SealKey(PrivateKey privateKey, Verifier verifier) {
        this.privateKey = privateKey;
        this.verifier = verifier;
    }

    /** Reads the base64 private key; says what is wrong with it in words an operator can act on. */
    public static SealKey of(String base64PrivateKey) {
        byte[] seed;
        try {
            seed = Base64.getDecoder().decode(base64PrivateKey.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("SEAL_PRIVATE_KEY is not base64: " + e.getMessage());
        }
        if (seed.length != 32) {
            throw new IllegalArgumentException("SEAL_PRIVATE_KEY must be 32 bytes (openssl rand -base64 32), it is "
                    + seed.length);
        }
        try {
            PrivateKey key = KeyFactory.getInstance("Ed25519")
                                       .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
            // The JDK derives the public key only while generating a pair: generate it from this private key.
            KeyPairGenerator pairs = KeyPairGenerator.getInstance("Ed25519");
            pairs.initialize(NamedParameterSpec.ED25519, new FixedBytes(seed));
            PublicKey publicKey = pairs.generateKeyPair().getPublic();
            return new SealKey(key, new Verifier(publicKey));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every Java 17 runtime", e);
        }
    }

    public byte[] sign(byte[] message) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(privateKey);
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not sign with the seal key", e);
        }
    }

    public Verifier verifier() {
        return verifier;
    }

    public String keyId() {
        return verifier.keyId();
    }

    /** A public key that checks signatures: what an auditor holds. */
    public static final class Verifier {

        private final PublicKey key;
        private final byte[] raw;
        private final String keyId;

        Verifier(PublicKey key) {
            this.key = key;
            byte[] encoded = key.getEncoded();
            this.raw = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
            this.keyId = keyId(raw);
        }

        /** The base64 of the 32 raw bytes of a public key, as {@link #publicKey()} prints it. */
        public static Verifier of(String base64PublicKey) {
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(base64PublicKey.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the public key is not base64: " + e.getMessage());
            }
            if (raw.length != 32) {
                throw new IllegalArgumentException("an Ed25519 public key is 32 bytes, this one is " + raw.length);
            }
            byte[] encoded = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + 32);
            System.arraycopy(raw, 0, encoded, X509_PREFIX.length, 32);
            try {
                return new Verifier(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded)));
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("not an Ed25519 public key: " + e.getMessage());
            }
        }

        public boolean verifies(byte[] message, byte[] signatureBytes) {
            try {
                Signature signature = Signature.getInstance("Ed25519");
                signature.initVerify(key);
                signature.update(message);
                return signature.verify(signatureBytes);
            } catch (java.security.SignatureException e) {
                return false;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Ed25519 is part of every Java 17 runtime", e);
            }
        }

        /** Base64 of the 32 raw bytes of the public key. */
        public String publicKey() {
            return Base64.getEncoder().encodeToString(raw);
        }

        /** The first 8 bytes of SHA-256 over the raw public key, in hex: which key signed a checkpoint. */
        public String keyId() {
            return keyId;
        }

        private static String keyId(byte[] raw) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw), 0, 8);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Hands the generator the private key's bytes where it asks for random ones. */
    private static final class FixedBytes extends SecureRandom {

        private final byte[] bytes;

        FixedBytes(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        @Override
        public void nextBytes(byte[] into) {
            if (into.length != bytes.length) {
                throw new IllegalStateException("the Ed25519 generator asked for " + into.length + " bytes");
            }
            System.arraycopy(bytes, 0, into, 0, into.length);
        }
    }
}
