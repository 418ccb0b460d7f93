package dev.tusk.driver.tls;

import dev.tusk.driver.PgException;
import dev.tusk.driver.SqlState;
import dev.tusk.driver.SslMode;
import dev.tusk.driver.SslNegotiation;
import dev.tusk.driver.TlsOptions;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLException;

/**
 * Builds the TLS handler for a connection from libpq's rules:
 * <ul>
 *   <li>{@code verify-ca}/{@code verify-full} trust {@code sslrootcert} (a PEM file, or {@code system}
 *       for the JDK's trust store; default {@code ~/.postgresql/root.crt}, which must then exist);
 *   <li>{@code verify-full} also checks that the certificate names the host (DNS or IP SAN);
 *   <li>{@code require} with an explicit or existing root file verifies the chain, as libpq does;
 *       otherwise, and for {@code prefer}/{@code allow}, the certificate is not checked;
 *   <li>a client certificate ({@code sslcert}/{@code sslkey}, default {@code ~/.postgresql/postgresql.crt}
 *       and {@code .key}) is presented when both files exist;
 *   <li>direct negotiation offers ALPN {@code postgresql}, which the server requires.
 * </ul>
 */
public final class TlsContexts {
  private static final String ALPN_POSTGRESQL = "postgresql";

  private TlsContexts() {}

  /**
   * @param sslDirectory where libpq's default files live ({@code ~/.postgresql})
   * @throws PgException (08001) when the files are missing or unreadable
   */
  public static SslHandler newHandler(TlsOptions options, String host, int port, Path sslDirectory, ByteBufAllocator allocator) {
    SslContext context = context(options, sslDirectory);
    return context.newHandler(allocator, host, port);
  }

  private static SslContext context(TlsOptions options, Path sslDirectory) {
    try {
      SslContextBuilder builder = SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
          // Netty verifies host names by default; only verify-full asks for it (HTTPS rules: DNS or IP SAN)
          .endpointIdentificationAlgorithm(options.mode() == SslMode.VERIFY_FULL ? "HTTPS" : null);
      Path defaultRoot = sslDirectory.resolve("root.crt");
      String root = options.rootCertificate();
      boolean verify = options.mode().verifiesCertificate()
          || (options.mode() == SslMode.REQUIRE && (root != null || Files.exists(defaultRoot)));
      if (verify) {
        if ("system".equals(root)) {
          builder.trustManager((javax.net.ssl.TrustManagerFactory) null);
        } else {
          Path rootFile = root != null ? Path.of(root) : defaultRoot;
          if (!Files.isReadable(rootFile)) {
            throw new PgException(SqlState.SQLCLIENT_UNABLE_TO_ESTABLISH_SQLCONNECTION, "root certificate file \"" + rootFile
                + "\" does not exist or is not readable; provide it with sslrootcert, use sslrootcert=system, "
                + "or choose an sslmode that does not verify the server");
          }
          builder.trustManager(rootFile.toFile());
        }
      } else {
        builder.trustManager(InsecureTrustManagerFactory.INSTANCE);
      }
      File certificate = file(options.certificate(), sslDirectory.resolve("postgresql.crt"));
      File key = file(options.key(), sslDirectory.resolve("postgresql.key"));
      if (certificate != null && key != null) {
        builder.keyManager(certificate, key, options.keyPassword());
      } else if (options.certificate() != null) {
        throw new PgException(SqlState.SQLCLIENT_UNABLE_TO_ESTABLISH_SQLCONNECTION,
            "client certificate \"" + options.certificate() + "\" needs its key: set sslkey to a readable PKCS#8 PEM file");
      }
      if (options.negotiation() == SslNegotiation.DIRECT) {
        builder.applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, ALPN_POSTGRESQL));
      }
      return builder.build();
    } catch (SSLException | IllegalArgumentException e) {
      throw new PgException(SqlState.SQLCLIENT_UNABLE_TO_ESTABLISH_SQLCONNECTION, "cannot set up TLS: " + e.getMessage(), e);
    }
  }

  /** An explicit file must exist; a default one is used only if it does. */
  private static File file(String explicit, Path fallback) {
    if (explicit != null) {
      Path path = Path.of(explicit);
      if (!Files.isReadable(path)) {
        throw new PgException(SqlState.SQLCLIENT_UNABLE_TO_ESTABLISH_SQLCONNECTION, "cannot read \"" + explicit + "\"");
      }
      return path.toFile();
    }
    return Files.isReadable(fallback) ? fallback.toFile() : null;
  }
}
