/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bootgate.api.codec.CodecException;
import io.bootgate.api.codec.CodecException.Kind;
import io.bootgate.api.codec.CodecLimits;
import io.bootgate.api.codec.PathValue;
import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ResourceValue;
import io.bootgate.api.model.ResponseCode;
import org.junit.jupiter.api.Test;

class CodecApiTest {

    @Test
    void limitsHaveSafeDefaultsAndRefuseNonsense() {
        CodecLimits defaults = CodecLimits.defaults();
        assertThat(defaults.maxPayloadBytes()).isEqualTo(65536);
        assertThat(defaults.maxDepth()).isEqualTo(3);
        assertThat(defaults.maxResourceInstances()).isEqualTo(1024);
        assertThat(defaults.maxEntries()).isEqualTo(4096);
        assertThatThrownBy(() -> defaults.withMaxDepth(2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TLV");
        assertThatThrownBy(() -> defaults.withMaxPayloadBytes(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withMaxEntries(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new DefaultLwM2mCodec(defaults.withMaxDepth(8)).limits().maxDepth())
                .isEqualTo(8);
    }

    @Test
    void exceptionNamesKindFormatAndPlace() {
        CodecException e = new CodecException(
                Kind.INVALID_PATH, ContentFormat.SENML_JSON, "id 65535 is reserved", 12, "records[1].n", null);
        assertThat(e.getMessage())
                .isEqualTo("SENML_JSON INVALID_PATH in records[1].n at offset 12: id 65535 is reserved");
        assertThat(e.offset()).hasValue(12);
        assertThat(e.field()).hasValue("records[1].n");
        assertThat(e.detail()).isEqualTo("id 65535 is reserved");
        CodecException bare = new CodecException(Kind.UNSUPPORTED_FORMAT, ContentFormat.OMA_JSON, "not handled");
        assertThat(bare.offset()).isEmpty();
        assertThat(bare.field()).isEmpty();
        assertThat(bare.kind().responseCode()).isEqualTo(ResponseCode.UNSUPPORTED_CONTENT_FORMAT);
        assertThat(Kind.MALFORMED.responseCode()).isEqualTo(ResponseCode.BAD_REQUEST);
    }

    @Test
    void pathValueLivesAtResourceLevelOrBelow() {
        assertThatThrownBy(() -> new PathValue(LwM2mPath.of(3, 0), ResourceValue.ofInteger(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
