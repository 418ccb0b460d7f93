package dev.tusk.driver;

/**
 * How a connection uses TLS; libpq's {@code ssl*} and {@code channel_binding} keywords.
 *
 * @param mode whether to use TLS and what to verify
 * @param negotiation how TLS starts
 * @param rootCertificate PEM file of trusted roots; {@code "system"} for the JDK's trust store;
 *     {@code null} for {@code ~/.postgresql/root.crt} when it exists
 * @param certificate PEM client certificate, or {@code null} for {@code ~/.postgresql/postgresql.crt} when it exists
 * @param key PEM (PKCS#8) private key of the client certificate, or {@code null} for the default location
 * @param keyPassword password of an encrypted key, or {@code null}
 * @param channelBinding whether SCRAM binds to the TLS channel
 */
public record TlsOptions(
    SslMode mode,
    SslNegotiation negotiation,
    String rootCertificate,
    String certificate,
    String key,
    String keyPassword,
    ChannelBinding channelBinding) {

  /** libpq's defaults: {@code sslmode=prefer}, negotiation through SSLRequest, binding when possible. */
  public static TlsOptions defaults() {
    return new TlsOptions(SslMode.PREFER, SslNegotiation.POSTGRES, null, null, null, null, ChannelBinding.PREFER);
  }

  public TlsOptions withMode(SslMode newMode) {
    return new TlsOptions(newMode, negotiation, rootCertificate, certificate, key, keyPassword, channelBinding);
  }

  public TlsOptions withRootCertificate(String file) {
    return new TlsOptions(mode, negotiation, file, certificate, key, keyPassword, channelBinding);
  }

  @Override
  public String toString() {
    return "TlsOptions[mode=" + mode + ", negotiation=" + negotiation + ", rootCertificate=" + rootCertificate
        + ", certificate=" + certificate + ", key=" + key + ", keyPassword=" + (keyPassword == null ? null : "***")
        + ", channelBinding=" + channelBinding + "]";
  }
}
