package io.k8sm.framework.persistence;

/**
 * Marker of everything written to the journal or the snapshot store. {@code application.conf}
 * binds it to {@link ProtoSerializer}, so no persisted object can fall back to another serializer.
 */
public interface Persisted {}
