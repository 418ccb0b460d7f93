package dev.tusk.driver.protocol;

import dev.tusk.driver.TransactionStatus;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.Map;

/**
 * What the server told us about the session: its parameters (ParameterStatus), the key to cancel
 * its queries (BackendKeyData), the negotiated protocol version and the transaction status of the
 * last ReadyForQuery. Written on the event loop; read from any thread, hence the volatile
 * snapshots.
 */
public final class SessionState {
  private volatile Map<String, String> parameters = Map.of();
  private volatile int processId;
  private volatile byte[] secretKey = new byte[0];
  private volatile int protocolMinorVersion;
  private volatile TransactionStatus transactionStatus = TransactionStatus.IDLE;
  private volatile X509Certificate serverCertificate;
  private volatile boolean started;
  private volatile boolean changed;

  /** Startup is over: from now on a reported parameter change is the session being changed. */
  void started() {
    started = true;
  }

  /** Records that a command changed session state (SET, LISTEN, a temporary table…). */
  void sessionChanged() {
    changed = true;
  }

  /** {@return whether session state changed since the last call} and forgets it */
  public boolean takeSessionChanged() {
    boolean was = changed;
    changed = false;
    return was;
  }

  void parameter(String name, String value) {
    if (started) {
      changed = true;
    }
    var copy = new HashMap<>(parameters);
    copy.put(name, value);
    parameters = Map.copyOf(copy);
  }

  public Map<String, String> parameters() {
    return parameters;
  }

  void backendKey(int pid, byte[] key) {
    processId = pid;
    secretKey = key.clone();
  }

  public int processId() {
    return processId;
  }

  public byte[] secretKey() {
    return secretKey.clone();
  }

  void protocolMinorVersion(int minor) {
    protocolMinorVersion = minor;
  }

  public int protocolMinorVersion() {
    return protocolMinorVersion;
  }

  void transactionStatus(TransactionStatus status) {
    transactionStatus = status;
  }

  public TransactionStatus transactionStatus() {
    return transactionStatus;
  }

  void serverCertificate(X509Certificate certificate) {
    serverCertificate = certificate;
  }

  /** {@return the server's TLS certificate, or {@code null} on a plain connection} */
  public X509Certificate serverCertificate() {
    return serverCertificate;
  }

  /** {@return {@code server_version_num} as a number, for example 170011; 0 if unknown} */
  public int serverVersionNumber() {
    String text = parameters.get("server_version_num");
    if (text != null) {
      return Integer.parseInt(text.trim());
    }
    // server_version_num is reported only since PostgreSQL 18; derive it from server_version
    String version = parameters.getOrDefault("server_version", "");
    String[] parts = version.split("[^0-9]+");
    if (parts.length == 0 || parts[0].isEmpty()) {
      return 0;
    }
    int major = Integer.parseInt(parts[0]);
    int minor = parts.length > 1 && !parts[1].isEmpty() ? Integer.parseInt(parts[1]) : 0;
    return major * 10000 + minor;
  }
}
