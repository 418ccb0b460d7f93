package dev.tusk.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.SignatureException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestCertificatesTest {
  @TempDir Path directory;

  @Test
  void serverAndClientCertificatesAreSignedByTheCaAndNameWhatTheServerNeeds() throws Exception {
    TlsFiles files = new TestCertificates().writeTo(directory, "tusk_cert");

    X509Certificate ca = read(files.caCertificate());
    X509Certificate server = read(files.serverCertificate());
    X509Certificate client = read(files.clientCertificate());
    X509Certificate untrusted = read(files.untrustedCaCertificate());

    ca.verify(ca.getPublicKey());
    server.verify(ca.getPublicKey());
    client.verify(ca.getPublicKey());
    assertThrows(SignatureException.class, () -> server.verify(untrusted.getPublicKey()));

    assertTrue(ca.getBasicConstraints() >= 0, "the CA is a CA");
    assertEquals(-1, server.getBasicConstraints(), "the server certificate is not a CA");
    assertEquals(List.of(List.of(2, "localhost")), server.getSubjectAlternativeNames().stream().toList());
    assertEquals("CN=tusk_cert", client.getSubjectX500Principal().getName());
    assertNotEquals(ca.getSubjectX500Principal(), untrusted.getSubjectX500Principal());
    server.checkValidity();
  }

  @Test
  void privateKeysArePkcs8AndPrivateToTheOwner() throws Exception {
    TlsFiles files = new TestCertificates().writeTo(directory, "tusk_cert");
    String pem = Files.readString(files.serverKey());
    String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    var key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    assertEquals("EC", key.getAlgorithm());
    if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
          Files.getPosixFilePermissions(files.clientKey())));
    }
  }

  private static X509Certificate read(Path pem) throws Exception {
    try (InputStream in = Files.newInputStream(pem)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }
}
