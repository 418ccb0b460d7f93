package dev.tusk.driver.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The answer to AuthenticationMD5Password: {@code "md5" + md5hex(md5hex(password + user) + salt)}.
 * The inner hash is what the server stores; the salt makes each answer single-use.
 */
public final class Md5Password {
  private Md5Password() {}

  public static String hash(String user, String password, byte[] salt) {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      md5.update(password.getBytes(StandardCharsets.UTF_8));
      md5.update(user.getBytes(StandardCharsets.UTF_8));
      String inner = HexFormat.of().formatHex(md5.digest());
      md5.update(inner.getBytes(StandardCharsets.US_ASCII));
      md5.update(salt);
      return "md5" + HexFormat.of().formatHex(md5.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has MD5", e);
    }
  }
}
