package io.ghlsync.booking;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/**
 * A row of the leads table: the CRM side of a customer, linked to a GHL contact once one is known.
 *
 * @param tags           the contact's GHL tags (a JSON array)
 * @param ghlDateUpdated GHL's dateUpdated of the last contact change applied, or null
 * @param deletedAt      when GHL deleted the contact (the lead is kept), or null
 */
public record Lead(UUID id, String locationId, String ghlContactId, String name, String email, String phone,
        String address, JsonNode tags, Instant ghlDateUpdated, Instant deletedAt) {}
