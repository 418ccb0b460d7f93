package dev.tusk.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * The official {@code postgres} image through Testcontainers, provisioned like the embedded cluster:
 * the same roles, {@code pg_hba.conf} and certificates. Testcontainers removes the container when
 * the JVM exits.
 */
final class ContainerPostgres {
  private static final int POSTGRES_PORT = 5432;
  private static final String CONFIG_DIR = "/etc/tusk";

  private ContainerPostgres() {}

  static PostgresServer start(int majorVersion) {
    try {
      Path files = Files.createTempDirectory("tusk-container-");
      TlsFiles localTls = new TestCertificates().writeTo(files, TestRole.CLIENT_CERT.user());
      Files.writeString(files.resolve("pg_hba.conf"), Provisioning.hba(), StandardCharsets.UTF_8);
      var init = new StringBuilder();
      for (String statement : Provisioning.roleStatements()) {
        init.append(statement).append(";\n");
      }
      init.append("\\connect ").append(Provisioning.DATABASE).append('\n');
      for (String statement : Provisioning.databaseStatements()) {
        init.append(statement).append(";\n");
      }
      Files.writeString(files.resolve("init.sql"), init, StandardCharsets.UTF_8);

      // The server's key must belong to the postgres user with mode 0600, which a copy into the
      // container cannot set: the entrypoint (root) fixes ownership before handing over.
      String prepare = "mkdir -p " + CONFIG_DIR + " && cp /tusk-in/* " + CONFIG_DIR
          + " && chown -R postgres " + CONFIG_DIR + " && chmod 600 " + CONFIG_DIR + "/server.key"
          + " && cp " + CONFIG_DIR + "/init.sql /docker-entrypoint-initdb.d/"
          + " && exec docker-entrypoint.sh postgres " + String.join(" ", serverArguments());

      @SuppressWarnings("resource") // Testcontainers' reaper stops it at JVM exit
      GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse("postgres:" + majorVersion))
          .withEnv("POSTGRES_HOST_AUTH_METHOD", "trust")
          .withEnv("POSTGRES_USER", TestRole.SUPERUSER.user())
          .withCopyFileToContainer(MountableFile.forHostPath(files), "/tusk-in/")
          .withCreateContainerCmdModifier(cmd -> cmd.withEntrypoint("sh", "-c", prepare))
          .withExposedPorts(POSTGRES_PORT)
          .waitingFor(Wait.forLogMessage(".*database system is ready to accept connections.*\\s", 2));
      container.start();
      String version = container.execInContainer("postgres", "--version").getStdout().trim();
      version = version.substring(version.lastIndexOf(' ') + 1);
      return new PostgresServer(container.getHost(), container.getMappedPort(POSTGRES_PORT), Provisioning.DATABASE,
          Source.TESTCONTAINERS, version, EnumSet.allOf(TestRole.class), Optional.of(localTls), null);
    } catch (IOException e) {
      throw new UncheckedIOException("could not prepare the PostgreSQL container", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the PostgreSQL container", e);
    }
  }

  private static List<String> serverArguments() {
    return Provisioning.settings(CONFIG_DIR, CONFIG_DIR + "/pg_hba.conf").stream()
        .filter(setting -> !setting.startsWith("listen_addresses"))
        .map(setting -> "-c \"" + setting.replace(" = ", "=").replace("'", "") + "\"")
        .toList();
  }
}
