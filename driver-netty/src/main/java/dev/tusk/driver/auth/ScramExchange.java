package dev.tusk.driver.auth;

import com.ongres.scram.client.ScramClient;
import com.ongres.scram.common.exception.ScramException;
import com.ongres.scram.common.util.TlsServerEndpoint;
import dev.tusk.driver.ChannelBinding;
import dev.tusk.driver.PgException;
import dev.tusk.driver.SqlState;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * One SCRAM-SHA-256 (or -PLUS) authentication, through the ongres SCRAM client. With TLS and a
 * server that offers SCRAM-SHA-256-PLUS, the exchange is bound to the server's certificate
 * ({@code tls-server-end-point}), so a man in the middle holding another certificate cannot relay it.
 */
public final class ScramExchange {
  public static final String SCRAM_SHA_256 = "SCRAM-SHA-256";
  public static final String SCRAM_SHA_256_PLUS = "SCRAM-SHA-256-PLUS";

  private final ScramClient client;
  private final boolean bound;

  private ScramExchange(ScramClient client, boolean bound) {
    this.client = client;
    this.bound = bound;
  }

  /**
   * Chooses the mechanism and starts the exchange.
   *
   * @param offered the mechanisms in AuthenticationSASL
   * @param serverCertificate the TLS peer certificate, or {@code null} on a plain connection
   * @throws PgException (28000) when {@code channel_binding=require} cannot be honoured, or the
   *     server offers no mechanism we speak
   */
  public static ScramExchange start(List<String> offered, String password, X509Certificate serverCertificate,
      ChannelBinding policy) {
    boolean plusOffered = offered.contains(SCRAM_SHA_256_PLUS);
    boolean bind = policy != ChannelBinding.DISABLE && serverCertificate != null && plusOffered;
    if (policy == ChannelBinding.REQUIRE && !bind) {
      throw new PgException(SqlState.INVALID_AUTHORIZATION_SPECIFICATION, serverCertificate == null
          ? "channel_binding=require needs a TLS connection"
          : "channel_binding=require, but the server does not offer SCRAM-SHA-256-PLUS");
    }
    if (!bind && !offered.contains(SCRAM_SHA_256)) {
      throw new PgException(SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
          "the server offers SASL mechanisms " + offered + "; Tusk speaks " + SCRAM_SHA_256 + " and " + SCRAM_SHA_256_PLUS);
    }
    try {
      var builder = ScramClient.builder()
          // Offering only the mechanism we chose makes the client send the right GS2 flag: 'p' when
          // binding, 'y' when we could bind but the server offers no -PLUS, 'n' without TLS.
          .advertisedMechanisms(bind ? List.of(SCRAM_SHA_256_PLUS) : List.of(SCRAM_SHA_256))
          // The server takes the user name from the startup message; SCRAM's own is ignored.
          .username("*")
          .password(password.toCharArray());
      if (serverCertificate != null && policy != ChannelBinding.DISABLE) {
        builder = builder.channelBinding(TlsServerEndpoint.TLS_SERVER_END_POINT,
            TlsServerEndpoint.getChannelBindingData(serverCertificate));
      }
      return new ScramExchange(builder.build(), bind);
    } catch (CertificateEncodingException | IllegalArgumentException e) {
      throw new PgException(SqlState.INVALID_AUTHORIZATION_SPECIFICATION, "cannot start SCRAM: " + e.getMessage(), e);
    }
  }

  /** {@return the mechanism name for SASLInitialResponse} */
  public String mechanism() {
    return bound ? SCRAM_SHA_256_PLUS : SCRAM_SHA_256;
  }

  /** {@return whether the exchange is bound to the TLS channel} */
  public boolean isChannelBound() {
    return bound;
  }

  public byte[] clientFirstMessage() {
    return client.clientFirstMessage().toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Consumes AuthenticationSASLContinue and returns the client-final-message. */
  public byte[] clientFinalMessage(byte[] serverFirst) {
    try {
      client.serverFirstMessage(new String(serverFirst, StandardCharsets.UTF_8));
      return client.clientFinalMessage().toString().getBytes(StandardCharsets.UTF_8);
    } catch (ScramException | IllegalArgumentException e) {
      throw new PgException(SqlState.INVALID_AUTHORIZATION_SPECIFICATION, "SCRAM: invalid server-first-message: " + e.getMessage(), e);
    }
  }

  /** Verifies AuthenticationSASLFinal: the server proves it knows the password too. */
  public void verifyServerFinal(byte[] serverFinal) {
    try {
      client.serverFinalMessage(new String(serverFinal, StandardCharsets.UTF_8));
    } catch (ScramException | IllegalArgumentException e) {
      throw new PgException(SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
          "SCRAM: the server's signature does not verify; it may not be the server it claims to be", e);
    }
  }
}
