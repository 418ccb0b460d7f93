package dev.tusk.testkit;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Issues the TLS material a test server needs: a self-signed CA, a server certificate for
 * {@code localhost} signed by it, a client certificate for the certificate-authenticated role, and a
 * second CA that signed nothing (for "untrusted CA" tests). ECDSA P-256 with SHA-256 throughout, so
 * SCRAM's {@code tls-server-end-point} binding hashes with SHA-256.
 *
 * <p>The server certificate names only the DNS name {@code localhost}, no IP address: connecting to
 * {@code 127.0.0.1} with {@code sslmode=verify-full} therefore fails, which is the wrong-hostname case.
 */
final class TestCertificates {
  private static final String OID_EC_SHA256 = "1.2.840.10045.4.3.2";
  private static final String OID_COMMON_NAME = "2.5.4.3";
  private static final String OID_BASIC_CONSTRAINTS = "2.5.29.19";
  private static final String OID_KEY_USAGE = "2.5.29.15";
  private static final String OID_SUBJECT_ALT_NAME = "2.5.29.17";
  private static final DateTimeFormatter GENERALIZED_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'");

  private final SecureRandom random = new SecureRandom();

  private record Issued(KeyPair keys, byte[] der, String commonName) {}

  /** Writes every file into {@code directory} and returns where each one is. */
  TlsFiles writeTo(Path directory, String clientCommonName) throws IOException {
    try {
      Issued ca = selfSignedCa("Tusk Test CA");
      Issued server = issue(ca, "localhost", List.of("localhost"));
      Issued client = issue(ca, clientCommonName, List.of());
      Issued untrusted = selfSignedCa("Tusk Untrusted CA");

      var files = new TlsFiles(
          directory.resolve("ca.crt"),
          directory.resolve("server.crt"),
          directory.resolve("server.key"),
          directory.resolve("client.crt"),
          directory.resolve("client.key"),
          directory.resolve("untrusted-ca.crt"));
      writePem(files.caCertificate(), "CERTIFICATE", ca.der());
      writePem(files.serverCertificate(), "CERTIFICATE", server.der());
      writePrivateKey(files.serverKey(), server.keys().getPrivate());
      writePem(files.clientCertificate(), "CERTIFICATE", client.der());
      writePrivateKey(files.clientKey(), client.keys().getPrivate());
      writePem(files.untrustedCaCertificate(), "CERTIFICATE", untrusted.der());
      return files;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot generate EC P-256 test certificates", e);
    }
  }

  private Issued selfSignedCa(String commonName) throws GeneralSecurityException {
    KeyPair keys = newKeyPair();
    byte[] extensions = Der.sequence(
        extension(OID_BASIC_CONSTRAINTS, true, Der.sequence(Der.bool(true))),
        // keyCertSign (bit 5) and cRLSign (bit 6): one byte, one unused trailing bit
        extension(OID_KEY_USAGE, true, Der.tlv(Der.TAG_BIT_STRING, new byte[] {1, (byte) 0x06})));
    byte[] der = sign(keys.getPrivate(), commonName, commonName, keys, extensions);
    return new Issued(keys, der, commonName);
  }

  private Issued issue(Issued ca, String commonName, List<String> dnsNames) throws GeneralSecurityException {
    KeyPair keys = newKeyPair();
    List<byte[]> extensions = new ArrayList<>();
    extensions.add(extension(OID_BASIC_CONSTRAINTS, true, Der.sequence()));
    // digitalSignature (bit 0) and keyAgreement (bit 4): ECDHE-ECDSA needs only the first
    extensions.add(extension(OID_KEY_USAGE, true, Der.tlv(Der.TAG_BIT_STRING, new byte[] {3, (byte) 0x88})));
    if (!dnsNames.isEmpty()) {
      byte[][] names = dnsNames.stream()
          .map(name -> Der.implicitPrimitive(2, name.getBytes(StandardCharsets.US_ASCII)))
          .toArray(byte[][]::new);
      extensions.add(extension(OID_SUBJECT_ALT_NAME, false, Der.sequence(names)));
    }
    byte[] der = sign(ca.keys().getPrivate(), ca.commonName(), commonName, keys,
        Der.sequence(extensions.toArray(byte[][]::new)));
    return new Issued(keys, der, commonName);
  }

  private byte[] sign(PrivateKey issuerKey, String issuer, String subject, KeyPair subjectKeys, byte[] extensions)
      throws GeneralSecurityException {
    byte[] algorithm = Der.sequence(Der.oid(OID_EC_SHA256));
    var now = ZonedDateTime.now(ZoneOffset.UTC);
    byte[] tbs = Der.sequence(
        Der.explicit(0, Der.integer(BigInteger.TWO)),
        Der.integer(new BigInteger(63, random).add(BigInteger.ONE)),
        algorithm,
        name(issuer),
        Der.sequence(
            Der.generalizedTime(now.minusDays(1).format(GENERALIZED_TIME)),
            Der.generalizedTime(now.plusYears(10).format(GENERALIZED_TIME))),
        name(subject),
        subjectKeys.getPublic().getEncoded(),
        Der.explicit(3, extensions));
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(issuerKey);
    signer.update(tbs);
    return Der.sequence(tbs, algorithm, Der.bitString(signer.sign()));
  }

  private static byte[] name(String commonName) {
    return Der.sequence(Der.set(Der.sequence(Der.oid(OID_COMMON_NAME), Der.utf8String(commonName))));
  }

  private static byte[] extension(String oid, boolean critical, byte[] value) {
    return critical
        ? Der.sequence(Der.oid(oid), Der.bool(true), Der.octetString(value))
        : Der.sequence(Der.oid(oid), Der.octetString(value));
  }

  private KeyPair newKeyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), random);
    return generator.generateKeyPair();
  }

  private static void writePrivateKey(Path file, PrivateKey key) throws IOException {
    writePem(file, "PRIVATE KEY", key.getEncoded());
    // PostgreSQL and libpq refuse keys that others can read.
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
  }

  private static void writePem(Path file, String type, byte[] der) throws IOException {
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n",
        StandardCharsets.US_ASCII);
  }
}
