/**
 * Bootgate's codecs as plain classes: {@link io.bootgate.codec.DefaultLwM2mCodec} and
 * {@link io.bootgate.codec.DefaultLinkFormat} can be created with {@code new} outside OSGi (unit tests of other
 * bundles reach them through a test-scope Maven dependency). Not exported: in a framework, bundles use the
 * {@link io.bootgate.api.codec.LwM2mEncoder}, {@link io.bootgate.api.codec.LwM2mDecoder} and
 * {@link io.bootgate.api.codec.LinkFormat} services, which carry the operator's codec limits.
 */
package io.bootgate.codec;
