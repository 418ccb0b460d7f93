package dev.tusk.driver.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tusk.driver.PgException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConnectionStringsTest {

  /** An ordered map from alternating keys and values, to compare insertion order too. */
  private static Map<String, String> ordered(String... keysAndValues) {
    var map = new LinkedHashMap<String, String>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  private static void assertParses(String connectionString, Map<String, String> expected) {
    Map<String, String> actual = ConnectionStrings.parse(connectionString);
    assertEquals(expected, actual, connectionString);
    assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(actual.keySet()), "order of " + connectionString);
  }

  private static void assertFails(String connectionString, String expectedMessage) {
    PgException e = assertThrows(PgException.class, () -> ConnectionStrings.parse(connectionString));
    assertEquals("22023", e.sqlState());
    assertEquals(expectedMessage, e.getMessage());
  }

  @Test
  void emptyStringAndBlanksMeanAllDefaults() {
    assertParses("", Map.of());
    assertParses(" \t\n ", Map.of());
  }

  @Test
  void resultIsAMutableLinkedHashMapTheCallerOwns() {
    Map<String, String> options = ConnectionStrings.parse("postgresql://h/db");
    assertTrue(options instanceof LinkedHashMap);
    options.put("application_name", "x");
  }

  @Nested
  class UriForm {
    @Test
    void simpleUriGivesEveryPartInOrder() {
      assertParses("postgresql://alice:secret@db.example.com:5433/app?connect_timeout=10&application_name=tusk",
          ordered("user", "alice", "password", "secret", "host", "db.example.com", "port", "5433",
              "dbname", "app", "connect_timeout", "10", "application_name", "tusk"));
    }

    @Test
    void bothSchemesAreAccepted() {
      assertParses("postgresql://h/db", ordered("host", "h", "dbname", "db"));
      assertParses("postgres://h/db", ordered("host", "h", "dbname", "db"));
    }

    @Test
    void percentEncodingIsDecodedInEveryComponent() {
      assertParses("postgresql://al%69ce:p%40ss%3Aw%2Fd%3F@h%6Fst:54%332/my%2Fdb?appl%69cation_name=a%20b%26c%3Dd",
          ordered("user", "alice", "password", "p@ss:w/d?", "host", "host", "port", "5432", "dbname", "my/db",
              "application_name", "a b&c=d"));
    }

    @Test
    void percentEncodedBytesAreDecodedAsUtf8AndPlusStaysAPlus() {
      assertParses("postgresql://h/caf%C3%A9+%E2%82%AC", ordered("host", "h", "dbname", "café+€"));
      assertParses("postgresql://h/café", ordered("host", "h", "dbname", "café"));
    }

    @Test
    void unixSocketHostIsDecodedAndReturnedAsIs() {
      assertParses("postgresql://%2Fvar%2Frun%2Fpostgresql/db", ordered("host", "/var/run/postgresql", "dbname", "db"));
      assertParses("postgresql:///db?host=/tmp", ordered("dbname", "db", "host", "/tmp"));
      assertParses("postgresql:///db?host=%2Ftmp", ordered("dbname", "db", "host", "/tmp"));
    }

    @Test
    void ipv6AddressInBracketsWithAndWithoutPort() {
      assertParses("postgresql://[::1]:5433/db", ordered("host", "::1", "port", "5433", "dbname", "db"));
      assertParses("postgresql://[2001:db8::1]/db", ordered("host", "2001:db8::1", "dbname", "db"));
      assertParses("postgresql://[2001:db8::1]", ordered("host", "2001:db8::1"));
      assertParses("postgresql://[::1]?sslmode=disable", ordered("host", "::1", "sslmode", "disable"));
      assertParses("postgresql://[fe80::1%25eth0]:5432", ordered("host", "fe80::1%eth0", "port", "5432"));
    }

    @Test
    void severalHostsGiveParallelListsWithEmptyEntriesForMissingPorts() {
      assertParses("postgresql://a:5432,b,[::1]:5434/db",
          ordered("host", "a,b,::1", "port", "5432,,5434", "dbname", "db"));
      assertParses("postgresql://a:5432,b/db", ordered("host", "a,b", "port", "5432,", "dbname", "db"));
      assertParses("postgresql://a,b:5433/db", ordered("host", "a,b", "port", ",5433", "dbname", "db"));
      assertParses("postgresql://a,b/db", ordered("host", "a,b", "port", ",", "dbname", "db"));
      assertParses("postgresql://u@a:1,b:2?target_session_attrs=read-write",
          ordered("user", "u", "host", "a,b", "port", "1,2", "target_session_attrs", "read-write"));
    }

    @Test
    void aSingleHostWithoutPortSetsNoPort() {
      assertParses("postgresql://h", ordered("host", "h"));
      assertParses("postgresql://h:/db", ordered("host", "h", "dbname", "db"));
    }

    @Test
    void queryParametersOverrideTheRestOfTheUriAndKeepItsOrder() {
      assertParses("postgresql://u1:pw1@h1:1/db1?host=h2&port=2&dbname=db2&user=u2&password=pw2&sslmode=verify-full",
          ordered("user", "u2", "password", "pw2", "host", "h2", "port", "2", "dbname", "db2", "sslmode", "verify-full"));
    }

    @Test
    void sslTrueMeansSslmodeRequire() {
      assertParses("postgresql://h/db?ssl=true", ordered("host", "h", "dbname", "db", "sslmode", "require"));
    }

    @Test
    void emptyPartsAreLeftUnset() {
      assertParses("postgresql://", Map.of());
      assertParses("postgres://", Map.of());
      assertParses("postgresql:///db", ordered("dbname", "db"));
      assertParses("postgresql://host/", ordered("host", "host"));
      assertParses("postgresql://host?", ordered("host", "host"));
      assertParses("postgresql://host/?", ordered("host", "host"));
      assertParses("postgresql://@host", ordered("host", "host"));
      assertParses("postgresql://:pw@host", ordered("password", "pw", "host", "host"));
      assertParses("postgresql://user:@host", ordered("user", "user", "host", "host"));
      assertParses("postgresql://h/db?a=1&", ordered("host", "h", "dbname", "db", "a", "1"));
      assertParses("postgresql://h/db?application_name=", ordered("host", "h", "dbname", "db", "application_name", ""));
    }

    @Test
    void unknownKeysArePassedOnForTheServer() {
      assertParses("postgresql://h/db?search_path=app&statement_timeout=5s&myapp.tenant=t1",
          ordered("host", "h", "dbname", "db", "search_path", "app", "statement_timeout", "5s", "myapp.tenant", "t1"));
    }

    @Test
    void userInfoEndsAtTheFirstAtBeforeAnySlashAsInLibpq() {
      assertParses("postgresql://u:pa?ss@h/db", ordered("user", "u", "password", "pa?ss", "host", "h", "dbname", "db"));
      assertParses("postgresql://h/db?application_name=a@b",
          ordered("host", "h", "dbname", "db", "application_name", "a@b"));
    }

    @Test
    void aFragmentMarkIsAnOrdinaryCharacterAsInLibpq() {
      assertParses("postgresql://h/db#1", ordered("host", "h", "dbname", "db#1"));
    }
  }

  @Nested
  class KeywordValueForm {
    @Test
    void keywordsAndValuesSeparatedByBlanks() {
      assertParses("host=localhost port=5432 dbname=mydb connect_timeout=10",
          ordered("host", "localhost", "port", "5432", "dbname", "mydb", "connect_timeout", "10"));
    }

    @Test
    void blanksAroundTheEqualsSignAreAllowed() {
      assertParses("  host = localhost\tport\t=\n5432\r\n", ordered("host", "localhost", "port", "5432"));
    }

    @Test
    void quotedValuesHoldBlanksAndEscapedQuotesAndBackslashes() {
      assertParses("password='it\\'s a \\\\ test' dbname='my db'",
          ordered("password", "it's a \\ test", "dbname", "my db"));
    }

    @Test
    void emptyQuotedValueIsAnEmptyString() {
      assertParses("dbname='' user=u", ordered("dbname", "", "user", "u"));
      assertParses("dbname=", ordered("dbname", ""));
    }

    @Test
    void backslashTakesTheNextCharacterLiterallyOutsideQuotesToo() {
      assertParses("options=-c\\ search_path=app", ordered("options", "-c search_path=app"));
      assertParses("application_name=a\\b\\'c", ordered("application_name", "ab'c"));
      assertParses("application_name=abc\\", ordered("application_name", "abc"));
    }

    @Test
    void quotesInsideAnUnquotedValueAreOrdinaryCharacters() {
      assertParses("application_name=it's", ordered("application_name", "it's"));
    }

    @Test
    void aQuotedValueNeedsNoBlankAfterIt() {
      assertParses("host='a'port=5", ordered("host", "a", "port", "5"));
    }

    @Test
    void blanksAfterTheEqualsSignAreSkippedEvenBeforeTheNextKeyAsInLibpq() {
      assertParses("host= port=5432", ordered("host", "port=5432"));
    }

    @Test
    void aKeyGivenTwiceKeepsItsLastValueAndFirstPosition() {
      assertParses("host=a port=1 host=b", ordered("host", "b", "port", "1"));
    }

    @Test
    void hostAndPortListsAndServerSettingsAreAccepted() {
      assertParses("host=a,b,/tmp port=5432,, search_path=app myapp.tenant=t1",
          ordered("host", "a,b,/tmp", "port", "5432,,", "search_path", "app", "myapp.tenant", "t1"));
    }

    @Test
    void everyLibpqKeywordIsAccepted() {
      List<String> keywords = List.of("host", "hostaddr", "port", "dbname", "user", "password", "passfile",
          "require_auth", "channel_binding", "connect_timeout", "client_encoding", "options", "application_name",
          "fallback_application_name", "keepalives", "keepalives_idle", "keepalives_interval", "keepalives_count",
          "tcp_user_timeout", "replication", "gssencmode", "sslmode", "sslnegotiation", "sslcompression", "sslcert",
          "sslkey", "sslpassword", "sslcertmode", "sslrootcert", "sslcrl", "sslcrldir", "sslsni", "requirepeer",
          "ssl_min_protocol_version", "ssl_max_protocol_version", "min_protocol_version", "max_protocol_version",
          "krbsrvname", "gsslib", "gssdelegation", "service", "target_session_attrs", "load_balance_hosts");
      var text = new StringBuilder();
      var expected = new LinkedHashMap<String, String>();
      for (String keyword : keywords) {
        String value = keyword.equals("port") ? "5432" : "v";
        text.append(keyword).append('=').append(value).append(' ');
        expected.put(keyword, value);
      }
      assertParses(text.toString(), expected);
    }
  }

  @Nested
  class Errors {
    @Test
    void otherSchemesAreRefused() {
      assertFails("mysql://u:pw@h/db",
          "invalid connection string at position 1: URI scheme must be postgresql:// or postgres:// in \"mysql://…\"");
      assertFails("postgresql:/h/db",
          "invalid connection string at position 1: URI scheme must be postgresql:// or postgres:// in \"postgresql:…\"");
      assertFails("jdbc:postgresql://h/db",
          "invalid connection string at position 1: URI scheme must be postgresql:// or postgres:// "
              + "(remove the jdbc: prefix) in \"jdbc:…\"");
    }

    @Test
    void unterminatedBracketInIpv6() {
      assertFails("postgresql://[::1/db",
          "invalid connection string at position 14: unterminated '[' in IPv6 host address in \"postgresql://[::1…\"");
    }

    @Test
    void emptyIpv6Address() {
      assertFails("postgresql://[]/db",
          "invalid connection string at position 14: empty IPv6 host address in \"postgresql://[]…\"");
    }

    @Test
    void unexpectedCharacterAfterIpv6Address() {
      assertFails("postgresql://[::1]x/db",
          "invalid connection string at position 19: unexpected character after IPv6 host address "
              + "(expected ':', '/', '?' or ',') in \"postgresql://[::1]x…\"");
    }

    @Test
    void nonNumericPortInUri() {
      assertFails("postgresql://host:abc/db",
          "invalid connection string at position 19: port is not a number in \"postgresql://host:abc…\"");
      assertFails("postgresql://a:1,b:x2",
          "invalid connection string at position 20: port is not a number in \"postgresql://a:1,b:x2\"");
    }

    @Test
    void unbracketedIpv6AddressGetsAHint() {
      assertFails("postgresql://::1/db",
          "invalid connection string at position 15: port is not a number "
              + "(enclose an IPv6 address in brackets: [::1]:5432) in \"postgresql://::1…\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "65536", "99999999999", "-1"})
    void portOutOfRangeInUri(String port) {
      PgException e = assertThrows(PgException.class, () -> ConnectionStrings.parse("postgresql://h:" + port + "/db"));
      assertEquals("22023", e.sqlState());
      assertTrue(e.getMessage().startsWith("invalid connection string at position 16: port is "), e.getMessage());
    }

    @Test
    void portBoundsAreInclusive() {
      assertParses("postgresql://h:1,h:65535,h:005432", ordered("host", "h,h,h", "port", "1,65535,005432"));
    }

    @Test
    void portOutOfRangeMessage() {
      assertFails("postgresql://h:65536/db",
          "invalid connection string at position 16: port is out of range 1-65535 in \"postgresql://h:65536…\"");
    }

    @Test
    void invalidPercentEncoding() {
      assertFails("postgresql://host/my%zzdb",
          "invalid connection string at position 21: invalid percent-encoding in database name in \"postgresql://host/my%zz…\"");
      assertFails("postgresql://host/db%4",
          "invalid connection string at position 21: invalid percent-encoding in database name in \"postgresql://host/db%4\"");
      assertFails("postgresql://ho%st",
          "invalid connection string at position 16: invalid percent-encoding in host name in \"postgresql://ho%st\"");
    }

    @Test
    void percentEncodedNulIsRefused() {
      assertFails("postgresql://host/db%00x",
          "invalid connection string at position 21: %00 is not allowed in database name in \"postgresql://host/db%00…\"");
    }

    @Test
    void percentEncodedBytesMustBeUtf8() {
      assertFails("postgresql://host/%FF%FE",
          "invalid connection string at position 19: percent-encoded bytes in database name are not UTF-8 "
              + "in \"postgresql://host/%FF%FE\"");
    }

    @Test
    void queryParameterWithoutEqualsSign() {
      assertFails("postgresql://h/db?sslmode",
          "invalid connection string at position 19: missing '=' in query parameter in \"postgresql://h/db?sslmode\"");
    }

    @Test
    void emptyQueryParameter() {
      assertFails("postgresql://h/db?a=1&&b=2",
          "invalid connection string at position 23: empty query parameter in \"postgresql://h/db?a=1&&…\"");
      assertFails("postgresql://h/db?&",
          "invalid connection string at position 19: empty query parameter in \"postgresql://h/db?&\"");
    }

    @Test
    void queryParameterWithoutKey() {
      assertFails("postgresql://h/db?=1",
          "invalid connection string at position 19: missing key before '=' in query parameter in \"postgresql://h/db?=…\"");
    }

    @Test
    void secondEqualsSignInQueryParameter() {
      assertFails("postgresql://h/db?options=-c a=b",
          "invalid connection string at position 31: second '=' in query parameter (percent-encode it as %3D) "
              + "in \"postgresql://h/db?options=-c a=…\"");
    }

    @Test
    void duplicateQuestionMark() {
      assertFails("postgresql://h/db?a=1?b=2",
          "invalid connection string at position 22: second '?' in URI (separate query parameters with '&') "
              + "in \"postgresql://h/db?a=1?…\"");
    }

    @Test
    void invalidKeyInQuery() {
      assertFails("postgresql://h/db?Search_Path=x",
          "invalid connection string at position 19: invalid key (keys match [a-z_][a-z0-9_.]*) "
              + "in \"postgresql://h/db?Search_Path…\"");
    }

    @Test
    void sslOtherThanTrueIsRefused() {
      assertFails("postgresql://h/db?ssl=false",
          "invalid connection string at position 23: ssl accepts only true (meaning sslmode=require) "
              + "in \"postgresql://h/db?ssl=false\"");
    }

    @Test
    void portInQueryIsChecked() {
      assertFails("postgresql://h/db?port=5432,x",
          "invalid connection string at position 24: port is not a number in \"postgresql://h/db?port=5432,x\"");
    }

    @Test
    void rawAtSignInHost() {
      assertFails("postgresql://u@x@h/db",
          "invalid connection string at position 17: '@' in host name "
              + "(percent-encode '@' in a user name or password as %40) in \"postgresql://u@x@…\"");
    }

    @Test
    void longExcerptsAreShortenedFromTheLeft() {
      String longHost = "a".repeat(60);
      assertFails("postgresql://" + longHost + ":x",
          "invalid connection string at position 75: port is not a number in \"…" + "a".repeat(46) + ":x\"");
    }

    @Test
    void keyWithoutEqualsSign() {
      assertFails("host=a dbname", "invalid connection string at position 14: missing '=' after key in \"dbname\"");
      assertFails("host=a dbname x=1", "invalid connection string at position 15: missing '=' after key in \"dbname…\"");
    }

    @Test
    void valueWithoutKey() {
      assertFails("host=a =x", "invalid connection string at position 8: missing key before '=' in \"=…\"");
    }

    @Test
    void unterminatedQuotedValue() {
      assertFails("host=localhost port=5432 password='secret",
          "invalid connection string at position 35: unterminated quoted value in \"password='…\"");
      assertFails("host='abc", "invalid connection string at position 6: unterminated quoted value in \"host='…\"");
      assertFails("host='abc\\'", "invalid connection string at position 6: unterminated quoted value in \"host='…\"");
    }

    @Test
    void keyWithIllegalCharacters() {
      assertFails("Host=x", "invalid connection string at position 1: invalid character in key (keys match "
          + "[a-z_][a-z0-9_.]*) in \"H…\"");
      assertFails("host=a user-name=b", "invalid connection string at position 12: invalid character in key "
          + "(keys match [a-z_][a-z0-9_.]*) in \"user-…\"");
      assertFails("1st=a", "invalid connection string at position 1: invalid character in key "
          + "(keys match [a-z_][a-z0-9_.]*) in \"1…\"");
    }

    @Test
    void aStringThatIsNeitherFormFailsOnItsFirstCharacter() {
      assertFails("localhost:5432/db",
          "invalid connection string at position 1: URI scheme must be postgresql:// or postgres:// in \"localhost:…\"");
      assertFails("/tmp/socket", "invalid connection string at position 1: invalid character in key "
          + "(keys match [a-z_][a-z0-9_.]*) in \"/…\"");
      assertFails(" postgresql://h", "invalid connection string at position 12: invalid character in key "
          + "(keys match [a-z_][a-z0-9_.]*) in \"postgresql:…\"");
    }

    @Test
    void nonNumericPortInKeywordValueForm() {
      assertFails("host=h port=abc", "invalid connection string at position 13: port is not a number in \"port=abc\"");
      assertFails("port='5432,x' host=h",
          "invalid connection string at position 6: port is not a number in \"port='5432,x'…\"");
      assertFails("port=70000", "invalid connection string at position 6: port is out of range 1-65535 in \"port=70000\"");
    }

    @Test
    void sslIsNotAKeyword() {
      assertFails("host=h ssl=true",
          "invalid connection string at position 8: ssl is not a connection keyword (use sslmode=require) in \"ssl=true\"");
    }
  }

  @Nested
  class PasswordsNeverAppearInErrors {
    private static final String PASSWORD = "S3cr3tPw";

    @ParameterizedTest
    @ValueSource(strings = {
      "postgresql://u:S3cr3tPw@host:abc/db",
      "postgresql://u:S3cr3tPw@[::1/db",
      "postgresql://u:S3cr3tPw@[]/db",
      "postgresql://u:S3cr3tPw@host/db?x",
      "postgresql://u:S3cr3tPw@host/db?a=1?b=2",
      "postgresql://u:S3cr3tPw@host/my%zz",
      "postgresql://u:S3cr%zz3tPw@host/db",
      "postgresql://u:S3cr%3tPw@host/db",
      "postgresql://u:S3cr3tPw%00@host/db",
      "postgresql://u:S3cr3tPw%FF@host/db",
      "postgresql://u:S3c@r3tPw@host/db",
      "postgresql://u:S3c/r3tPw@host/db",
      "postgresql://u:S3cr3tPw/@host/db",
      "postgresql://u:S3cr3tPw@host:5432:1/db",
      "postgresql://u:S3cr3tPw@/db?Bad=1",
      "postgresql://u:S3cr3tPw@host/db?ssl=no",
      "postgresql://host/db?password=S3cr3tPw&port=x",
      "postgresql://host/db?password=S3cr3tPw?port=1",
      "postgresql://host/db?password=S3c=r3tPw",
      "postgresql://host/db?password=S3c%zzr3tPw",
      "postgresql://host/db?password=S3cr3tPw%00",
      "postgresql://host/db?sslpassword=S3cr3tPw&ssl=false",
      "postgresql://host/db?pass%77ord=S3cr3tPw&port=x",
      "postgresql://host/db?password=S3cr3tPw&&",
      "mysql://u:S3cr3tPw@host/db",
      "jdbc:postgresql://host/db?user=u&password=S3cr3tPw",
      "password='S3cr3tPw",
      "host=h password='S3cr3tPw\\'",
      "password=S3cr3tPw port=abc",
      "port= password=S3cr3tPw",
      "port=\\ password=S3cr3tPw",
      "password=S3cr3tPw dbname",
      "password = 'S3cr3tPw' Bad=1",
      "host='x password=S3cr3tPw",
      "sslpassword='S3cr3tPw",
      "password:S3cr3tPw",
      "password S3cr3tPw",
      "password=S3cr3tPw ssl=1",
    })
    void malformedStringsNeverQuoteThePassword(String connectionString) {
      PgException e = assertThrows(PgException.class, () -> ConnectionStrings.parse(connectionString));
      assertEquals("22023", e.sqlState());
      for (int i = 0; i + 3 <= PASSWORD.length(); i++) {
        String fragment = PASSWORD.substring(i, i + 3);
        assertTrue(!e.getMessage().contains(fragment), () -> "\"" + fragment + "\" leaked: " + e.getMessage());
      }
    }
  }
}
