/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.codec.internal;

import io.bootgate.api.codec.CodecException;
import io.bootgate.api.codec.CodecException.Kind;
import io.bootgate.api.codec.CodecLimits;
import io.bootgate.api.codec.PathValue;
import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.LwM2mNode;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.MultipleResource;
import io.bootgate.api.model.ObjectModelRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * SenML-JSON and SenML-CBOR as LwM2M 1.1 uses them (Core §7.4.4, §7.4.5 on RFC 8428): the base name plus the
 * name of a record form the full path of its value; each path appears once. A pack with several records for
 * one path (a time series) is refused with {@link Kind#DUPLICATE}: no Bootgate operation takes one. Time
 * fields must be whole seconds; they are checked, but a node carries no timestamps.
 */
public final class SenmlCodec implements NodeCodec {

    private final ContentFormat format;
    private final CodecLimits limits;
    private final SenmlReader reader;
    private final SenmlWriter writer;

    private SenmlCodec(ContentFormat format, CodecLimits limits, SenmlReader reader, SenmlWriter writer) {
        this.format = format;
        this.limits = limits;
        this.reader = reader;
        this.writer = writer;
    }

    public static SenmlCodec json(CodecLimits limits) {
        return new SenmlCodec(
                ContentFormat.SENML_JSON,
                limits,
                new SenmlJsonReader(limits),
                SenmlWriter.json(JacksonFactories.json(limits)));
    }

    public static SenmlCodec cbor(CodecLimits limits) {
        var factory = JacksonFactories.cbor(limits);
        return new SenmlCodec(
                ContentFormat.SENML_CBOR, limits, new SenmlCborReader(limits, factory), SenmlWriter.cbor(factory));
    }

    @Override
    public byte[] encode(LwM2mNode node, LwM2mPath path, ObjectModelRegistry models) throws CodecException {
        NodeFlattener.checkPath(node, path, format);
        // A node below the resource level writes its full path as base name and no names; above it, the base
        // name ends with "/" and names are relative, as in the Core specification's examples.
        boolean leaf = path.depth() == 4 || path.depth() == 3 && !(node instanceof MultipleResource);
        String baseName = leaf ? path.toString() : path + "/";
        return writer.write(NodeFlattener.flatten(node, path), baseName);
    }

    public byte[] encodeValues(List<PathValue> values) throws CodecException {
        Set<LwM2mPath> seen = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            if (!seen.add(values.get(i).path())) {
                throw new CodecException(
                        Kind.DUPLICATE,
                        format,
                        "second value for " + values.get(i).path(),
                        -1,
                        "values[" + i + "]",
                        null);
            }
        }
        return writer.write(values, null);
    }

    @Override
    public LwM2mNode decode(byte[] payload, LwM2mPath path, ObjectModelRegistry models) throws CodecException {
        return new NodeBuilder(format, limits, models).build(path, typed(payload, models));
    }

    public List<PathValue> decodeValues(byte[] payload, ObjectModelRegistry models) throws CodecException {
        List<TypedEntry> entries = typed(payload, models);
        List<PathValue> values = new ArrayList<>(entries.size());
        for (TypedEntry entry : entries) {
            values.add(new PathValue(entry.path(), entry.value()));
        }
        return values;
    }

    private List<TypedEntry> typed(byte[] payload, ObjectModelRegistry models) throws CodecException {
        List<RawRecord> records = reader.read(payload);
        List<TypedEntry> entries = new ArrayList<>(records.size());
        Set<LwM2mPath> seen = new HashSet<>();
        Set<LwM2mPath> withInstances = new HashSet<>();
        for (RawRecord record : records) {
            Site site = new Site(format, record.offset(), "records[" + record.index() + "]");
            if (!seen.add(record.path())) {
                throw site.fail(Kind.DUPLICATE, "second record for " + record.path());
            }
            // A value at /o/i/r and another at /o/i/r/ri contradict each other whatever their order.
            if (record.path().isResourceInstance()
                            && seen.contains(record.path().parent())
                    || record.path().isResource() && withInstances.contains(record.path())) {
                throw site.fail(
                        Kind.INVALID_STRUCTURE,
                        record.path() + " is given both as a value and as resource" + " instances");
            }
            if (record.path().isResourceInstance()) {
                withInstances.add(record.path().parent());
            }
            entries.add(new TypedEntry(record.path(), SenmlTyping.type(record, models, format), site));
        }
        return entries;
    }
}
