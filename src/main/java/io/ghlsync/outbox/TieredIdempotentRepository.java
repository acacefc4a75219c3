package io.ghlsync.outbox;

import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;

/**
 * A fast in-memory repository (Caffeine, bounded and expiring, as the original's cache) in front of a durable one
 * (JDBC, survives restarts and is shared by instances). A key is known when either knows it.
 */
public class TieredIdempotentRepository extends ServiceSupport implements IdempotentRepository {

    private final IdempotentRepository cache;
    private final IdempotentRepository store;

    public TieredIdempotentRepository(IdempotentRepository cache, IdempotentRepository store) {
        this.cache = cache;
        this.store = store;
    }

    @Override
    public boolean add(String key) {
        boolean added = store.add(key);
        cache.add(key);
        return added;
    }

    @Override
    public boolean contains(String key) {
        if (cache.contains(key)) {
            return true;
        }
        if (store.contains(key)) {
            cache.add(key);
            return true;
        }
        return false;
    }

    @Override
    public boolean remove(String key) {
        cache.remove(key);
        return store.remove(key);
    }

    @Override
    public boolean confirm(String key) {
        cache.confirm(key);
        return store.confirm(key);
    }

    @Override
    public void clear() {
        cache.clear();
        store.clear();
    }

    @Override
    protected void doStart() throws Exception {
        ServiceHelper.startService(cache, store);
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopService(cache, store);
    }
}
