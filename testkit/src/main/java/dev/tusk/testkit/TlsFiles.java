package dev.tusk.testkit;

import java.nio.file.Path;

/**
 * PEM files of a provisioned server's TLS setup. Clients trust {@link #caCertificate()}; the
 * certificate-authenticated role presents {@link #clientCertificate()} with {@link #clientKey()};
 * {@link #untrustedCaCertificate()} is a CA that signed nothing the server has.
 *
 * @param caCertificate the CA that signed the server and client certificates
 * @param serverCertificate the server's certificate, issued for DNS name {@code localhost} only
 * @param serverKey the server's private key (PKCS#8)
 * @param clientCertificate a client certificate whose CN is {@link TestRole#CLIENT_CERT}'s user
 * @param clientKey the client certificate's private key (PKCS#8, mode 0600)
 * @param untrustedCaCertificate a CA unrelated to the server, for verification-failure tests
 */
public record TlsFiles(
    Path caCertificate,
    Path serverCertificate,
    Path serverKey,
    Path clientCertificate,
    Path clientKey,
    Path untrustedCaCertificate) {}
