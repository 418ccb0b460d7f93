package dev.tusk.driver;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Pool settings that cannot work are refused when they are made, with the setting named. */
class PoolOptionsTest {
  private final PoolOptions defaults = PoolOptions.defaults();

  @Test
  void theDefaultsAreValidAndMinIdleFollowsMaxSizeDown() {
    assertEquals(10, defaults.maxSize());
    assertEquals(3, defaults.minIdle(5).maxSize(3).minIdle());
  }

  @Test
  void nonsensicalSettingsAreRefusedWithTheSettingNamed() {
    assertRefused("maxSize", () -> defaults.maxSize(0));
    assertRefused("minIdle", () -> defaults.minIdle(11));
    assertRefused("maxWaiting", () -> defaults.maxWaiting(-1));
    assertRefused("acquireTimeout", () -> defaults.acquireTimeout(Duration.ZERO));
    assertRefused("acquireTimeout", () -> defaults.acquireTimeout(Duration.ofSeconds(-1)));
    assertRefused("maxLifetime", () -> defaults.maxLifetime(Duration.ZERO, Duration.ZERO));
    assertRefused("lifetimeJitter", () -> defaults.maxLifetime(Duration.ofMinutes(1), Duration.ofSeconds(-1)));
    assertRefused("lifetimeJitter", () -> defaults.maxLifetime(Duration.ofMinutes(1), Duration.ofMinutes(1)));
    assertRefused("idleTimeout", () -> defaults.idleTimeout(Duration.ZERO));
    assertRefused("validationThreshold", () -> defaults.validationThreshold(Duration.ofMillis(-1)));
    assertRefused("closeTimeout", () -> defaults.closeTimeout(Duration.ofMillis(-1)));
    assertRefused("idleTimeout", () -> defaults.idleTimeout(Duration.ofDays(365L * 1_000)));
    assertThrows(NullPointerException.class, () -> defaults.reset(null));
  }

  @Test
  void zeroIsAllowedWhereItMeansAlwaysOrNever() {
    assertEquals(Duration.ZERO, defaults.validationThreshold(Duration.ZERO).validationThreshold());
    assertEquals(Duration.ZERO, defaults.closeTimeout(Duration.ZERO).closeTimeout());
    assertEquals(Duration.ZERO, defaults.maxLifetime(Duration.ofMinutes(1), Duration.ZERO).lifetimeJitter());
  }

  private static void assertRefused(String setting, org.junit.jupiter.api.function.Executable change) {
    var refused = assertThrows(IllegalArgumentException.class, change);
    assertTrue(refused.getMessage().startsWith(setting), refused.getMessage());
  }
}
