package io.ghlsync.booking;

import org.apache.camel.CamelConfiguration;

/** Beans of the booking feature, bound into the Camel registry. */
public class BookingBeans implements CamelConfiguration {}
