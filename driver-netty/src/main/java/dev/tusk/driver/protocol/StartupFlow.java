package dev.tusk.driver.protocol;

import dev.tusk.driver.ChannelBinding;
import dev.tusk.driver.PgConnectOptions;
import dev.tusk.driver.PgException;
import dev.tusk.driver.SqlState;
import dev.tusk.driver.auth.Md5Password;
import dev.tusk.driver.auth.ScramExchange;
import dev.tusk.driver.message.BackendMessage;
import dev.tusk.driver.message.FrontendEncoder;
import dev.tusk.driver.message.FrontendMessage;
import dev.tusk.driver.wire.ProtocolConstants;
import dev.tusk.driver.wire.ProtocolViolation;
import io.netty.buffer.ByteBuf;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The startup exchange: StartupMessage, authentication, then ParameterStatus and BackendKeyData
 * until the first ReadyForQuery. An ErrorResponse here is fatal (the server closes the connection
 * after it), so it fails the flow at once instead of waiting for a ReadyForQuery that never comes.
 */
final class StartupFlow extends CommandFlow {
  private enum Step { STARTING, PASSWORD_SENT, SCRAM_FIRST_SENT, SCRAM_FINAL_SENT, AUTHENTICATED }

  private final CompletableFuture<Void> done = new CompletableFuture<>();
  private Step step = Step.STARTING;
  private ScramExchange scram;
  private boolean channelBound;

  CompletableFuture<Void> done() {
    return done;
  }

  @Override
  boolean isExclusive() {
    return true;
  }

  @Override
  void write(FlowContext context, ByteBuf out) {
    PgConnectOptions options = context.options();
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("user", options.user());
    parameters.put("database", options.database());
    // Text values the driver parses (dates in simple-query results) assume ISO output and UTF-8.
    parameters.put("client_encoding", "UTF8");
    parameters.put("DateStyle", "ISO");
    parameters.putAll(options.serverSettings());
    for (Map.Entry<String, String> parameter : parameters.entrySet()) {
      // The StartupMessage is a list of NUL-terminated strings: a NUL inside one would end it early
      // and make the rest a parameter of its own ("x\0options\0-c search_path=evil" sets options).
      if (parameter.getKey().indexOf('\0') >= 0 || parameter.getValue().indexOf('\0') >= 0) {
        throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
            "the startup parameter '" + parameter.getKey().replace('\0', '?') + "' contains a NUL character, which the protocol cannot carry");
      }
    }
    int version = options.maxProtocolMinorVersion() == 2 ? ProtocolConstants.PROTOCOL_3_2 : ProtocolConstants.PROTOCOL_3_0;
    context.session().protocolMinorVersion(options.maxProtocolMinorVersion());
    FrontendEncoder.encode(new FrontendMessage.StartupMessage(version, parameters), out);
  }

  @Override
  Outcome onMessage(BackendMessage message, FlowContext context) {
    switch (message) {
      case BackendMessage.AuthenticationOk ignored -> {
        if (context.options().tls().channelBinding() == ChannelBinding.REQUIRE && !channelBound) {
          // A server (or an impostor) that skips SCRAM-PLUS must not pass for one that did it.
          throw fatal("channel_binding=require, but the server authenticated without SCRAM-SHA-256-PLUS");
        }
        step = Step.AUTHENTICATED;
      }
      case BackendMessage.AuthenticationCleartextPassword ignored -> {
        context.send(new FrontendMessage.PasswordMessage(password(context)));
        step = Step.PASSWORD_SENT;
      }
      case BackendMessage.AuthenticationMD5Password md5 -> {
        context.send(new FrontendMessage.PasswordMessage(
            Md5Password.hash(context.options().user(), password(context), md5.salt())));
        step = Step.PASSWORD_SENT;
      }
      case BackendMessage.AuthenticationSASL sasl -> {
        scram = ScramExchange.start(sasl.mechanisms(), password(context), context.session().serverCertificate(),
            context.options().tls().channelBinding());
        context.send(new FrontendMessage.SASLInitialResponse(scram.mechanism(), scram.clientFirstMessage()));
        step = Step.SCRAM_FIRST_SENT;
      }
      case BackendMessage.AuthenticationSASLContinue serverFirst -> {
        expect(Step.SCRAM_FIRST_SENT, message);
        context.send(new FrontendMessage.SASLResponse(scram.clientFinalMessage(serverFirst.data())));
        step = Step.SCRAM_FINAL_SENT;
      }
      case BackendMessage.AuthenticationSASLFinal serverFinal -> {
        expect(Step.SCRAM_FINAL_SENT, message);
        scram.verifyServerFinal(serverFinal.data());
        channelBound = scram.isChannelBound();
      }
      case BackendMessage.AuthenticationUnsupported unsupported -> throw fatal(switch (unsupported.code()) {
        case ProtocolConstants.AUTH_GSS, ProtocolConstants.AUTH_GSS_CONTINUE -> "the server asks for GSSAPI authentication, which Tusk does not support";
        case ProtocolConstants.AUTH_SSPI -> "the server asks for SSPI authentication, which Tusk does not support";
        case ProtocolConstants.AUTH_KERBEROS_V5 -> "the server asks for Kerberos V5 authentication, which no supported server uses";
        default -> "the server asks for authentication method " + unsupported.code() + ", which Tusk does not know";
      });
      case BackendMessage.NegotiateProtocolVersion negotiated ->
          context.session().protocolMinorVersion(Math.min(negotiated.newestMinorVersion(), context.options().maxProtocolMinorVersion()));
      case BackendMessage.BackendKeyData key -> context.session().backendKey(key.processId(), key.secretKey());
      case BackendMessage.ErrorResponse failure -> {
        done.completeExceptionally(new PgException(failure.fields()));
        return Outcome.DONE;
      }
      case BackendMessage.ReadyForQuery ready -> {
        if (step != Step.AUTHENTICATED) {
          throw new ProtocolViolation("ReadyForQuery before authentication completed");
        }
        context.session().transactionStatus(ready.status());
        done.complete(null);
        return Outcome.DONE;
      }
      default -> throw new ProtocolViolation("unexpected " + message.getClass().getSimpleName() + " during startup");
    }
    return Outcome.CONTINUE;
  }

  private void expect(Step expected, BackendMessage message) {
    if (step != expected) {
      throw new ProtocolViolation("unexpected " + message.getClass().getSimpleName() + " during authentication");
    }
  }

  private static String password(FlowContext context) {
    String password = context.options().password();
    if (password == null) {
      throw fatal("the server asks for a password and none was given (in the URL, PGPASSWORD or ~/.pgpass)");
    }
    return password;
  }

  private static PgException fatal(String message) {
    return new PgException(SqlState.INVALID_AUTHORIZATION_SPECIFICATION, message);
  }

  @Override
  void fail(Throwable cause) {
    done.completeExceptionally(cause);
  }

  @Override
  boolean isAbandoned() {
    return done.isDone();
  }
}
