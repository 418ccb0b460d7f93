package dev.tusk.driver;

/**
 * A NOTIFY received on a channel this connection listens to.
 *
 * @param processId the backend process that sent it
 * @param channel the channel name
 * @param payload the payload, empty when none was given
 */
public record PgNotification(int processId, String channel, String payload) {}
