package io.ghlsync.sync;

import org.apache.camel.CamelConfiguration;

/** Beans of the sync feature, bound into the Camel registry. */
public class SyncBeans implements CamelConfiguration {}
