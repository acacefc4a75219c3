package io.ghlsync.outbox;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;

/**
 * In-memory idempotency keys with a size bound and a time-to-live, as the original design's cache (1,000 entries,
 * 5 minutes). camel-caffeine's own repository has neither bound, so this wraps Caffeine directly.
 */
public class CaffeineKeyCache extends ServiceSupport implements IdempotentRepository {

    private final Cache<String, Boolean> cache;

    public CaffeineKeyCache(long maximumSize, Duration ttl) {
        this.cache = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(ttl).build();
    }

    @Override
    public boolean add(String key) {
        return cache.asMap().putIfAbsent(key, Boolean.TRUE) == null;
    }

    @Override
    public boolean contains(String key) {
        return cache.getIfPresent(key) != null;
    }

    @Override
    public boolean remove(String key) {
        return cache.asMap().remove(key) != null;
    }

    @Override
    public boolean confirm(String key) {
        return true;
    }

    @Override
    public void clear() {
        cache.invalidateAll();
    }

    public long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }
}
