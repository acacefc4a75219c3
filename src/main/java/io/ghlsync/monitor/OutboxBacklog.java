package io.ghlsync.monitor;

/** Outbox events not finished yet: waiting, being processed, and how long the oldest of them has waited. */
public record OutboxBacklog(long pending, long processing, double oldestAgeSeconds) {}
