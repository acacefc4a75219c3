package io.ghlsync.ghl;

import org.apache.camel.CamelConfiguration;

/** Beans of the ghl feature, bound into the Camel registry. */
public class GhlBeans implements CamelConfiguration {}
