/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.models.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bootgate.api.model.ObjectModel;
import io.bootgate.api.model.Operations;
import io.bootgate.api.model.ResourceModel;
import io.bootgate.api.model.ResourceType;
import io.bootgate.api.model.StandardObjects;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DdfParserTest {

    private final DdfParser parser = new DdfParser();

    @TempDir
    Path dir;

    @Test
    void theShippedFilesDefineDeviceConnectivityFirmwareAndTemperature() {
        Map<Integer, ObjectModel> models =
                BundledDdfModelsProvider.load().stream().collect(Collectors.toMap(ObjectModel::id, m -> m));

        assertThat(models).containsOnlyKeys(3, 4, 5, 3303);
        // The shipped Device file and the API's Java definition are one definition, so they never conflict.
        assertThat(models.get(3)).isEqualTo(StandardObjects.DEVICE);

        ObjectModel connectivity = models.get(4);
        assertThat(connectivity.name()).isEqualTo("Connectivity Monitoring");
        assertThat(connectivity.multiple()).isFalse();
        assertThat(connectivity.mandatoryResourceIds()).containsExactly(0, 1, 2, 4);
        assertThat(connectivity.resource(4))
                .contains(new ResourceModel(4, "IP Addresses", Operations.READ, true, true, ResourceType.STRING));

        ObjectModel firmware = models.get(5);
        assertThat(firmware.resources().keySet()).containsExactly(0, 1, 2, 3, 5, 6, 7, 8, 9);
        assertThat(firmware.resource(0).orElseThrow().type()).isEqualTo(ResourceType.OPAQUE);
        assertThat(firmware.resource(0).orElseThrow().operations()).isEqualTo(Operations.WRITE);
        assertThat(firmware.resource(2).orElseThrow().type()).isEqualTo(ResourceType.NONE);

        ObjectModel temperature = models.get(3303);
        assertThat(temperature.multiple()).isTrue();
        assertThat(temperature.resource(5700))
                .contains(new ResourceModel(5700, "Sensor Value", Operations.READ, false, true, ResourceType.FLOAT));
        assertThat(temperature.resource(5605).orElseThrow().operations()).isEqualTo(Operations.EXECUTE);
    }

    @Test
    void anExternalEntityIsRefusedAndTheReferencedFileIsNeverRead() throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "top-secret-content");
        String xxe =
                """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE LWM2M [ <!ENTITY xxe SYSTEM "%s"> ]>
                <LWM2M><Object ObjectType="MODefinition"><Name>&xxe;</Name><ObjectID>30000</ObjectID>
                <MultipleInstances>Single</MultipleInstances><Mandatory>Optional</Mandatory><Resources/></Object></LWM2M>
                """
                        .formatted(secret.toUri());

        assertThatThrownBy(() -> parse(xxe, "xxe.xml"))
                .isInstanceOf(DdfFormatException.class)
                .hasMessageStartingWith("xxe.xml: not a safe, well-formed DDF file")
                .hasMessageContaining("DOCTYPE")
                .hasMessageNotContaining("top-secret-content");
    }

    @Test
    void anExternalDtdIsRefused() {
        String external =
                """
                <?xml version="1.0"?>
                <!DOCTYPE LWM2M SYSTEM "http://127.0.0.1:9/lwm2m.dtd">
                <LWM2M/>
                """;

        assertThatThrownBy(() -> parse(external, "dtd.xml"))
                .isInstanceOf(DdfFormatException.class)
                .hasMessageContaining("DOCTYPE");
    }

    @Test
    void aVendorObjectParses() throws Exception {
        List<ObjectModel> models = parse(vendorObject("Integer"), "vendor.xml");

        assertThat(models)
                .containsExactly(ObjectModel.of(
                        33000,
                        "Valve",
                        "2.0",
                        true,
                        false,
                        List.of(
                                new ResourceModel(
                                        0, "Opening", Operations.READ_WRITE, false, true, ResourceType.INTEGER),
                                new ResourceModel(
                                        1, "Calibrate", Operations.EXECUTE, false, false, ResourceType.NONE))));
    }

    @Test
    void anUnknownTypeIsRefusedNamingFileObjectAndResource() {
        assertThatThrownBy(() -> parse(vendorObject("Decimal"), "vendor.xml"))
                .isInstanceOf(DdfFormatException.class)
                .hasMessage("vendor.xml: object 33000 resource 0: <Type> 'Decimal' is not an LwM2M data type");
    }

    @Test
    void aFileThatIsNotDdfIsRefused() {
        assertThatThrownBy(() -> parse("<html/>", "page.xml"))
                .isInstanceOf(DdfFormatException.class)
                .hasMessage("page.xml: root element is <html>, not <LWM2M>");
        assertThatThrownBy(() -> parse("<LWM2M><Object>", "cut.xml"))
                .isInstanceOf(DdfFormatException.class)
                .hasMessageStartingWith("cut.xml: not a safe, well-formed DDF file");
    }

    static String vendorObject(String openingType) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <LWM2M xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
                  <Object ObjectType="MODefinition">
                    <Name>Valve</Name>
                    <ObjectID>33000</ObjectID>
                    <ObjectVersion>2.0</ObjectVersion>
                    <MultipleInstances>Multiple</MultipleInstances>
                    <Mandatory>Optional</Mandatory>
                    <Resources>
                      <Item ID="0"><Name>Opening</Name><Operations>RW</Operations>
                        <MultipleInstances>Single</MultipleInstances><Mandatory>Mandatory</Mandatory>
                        <Type>%s</Type></Item>
                      <Item ID="1"><Name>Calibrate</Name><Operations>E</Operations>
                        <MultipleInstances>Single</MultipleInstances><Mandatory>Optional</Mandatory>
                        <Type></Type></Item>
                    </Resources>
                  </Object>
                </LWM2M>
                """
                .formatted(openingType);
    }

    private List<ObjectModel> parse(String xml, String source) throws DdfFormatException {
        return parser.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), source);
    }
}
