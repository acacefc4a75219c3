package io.ghlsync.deadletter;

import org.apache.camel.CamelConfiguration;

/** Beans of the deadletter feature, bound into the Camel registry. */
public class DeadLetterBeans implements CamelConfiguration {}
