/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.model;

import static io.bootgate.api.model.Operations.EXECUTE;
import static io.bootgate.api.model.Operations.NONE;
import static io.bootgate.api.model.Operations.READ;
import static io.bootgate.api.model.Operations.READ_WRITE;
import static io.bootgate.api.model.ResourceType.BOOLEAN;
import static io.bootgate.api.model.ResourceType.INTEGER;
import static io.bootgate.api.model.ResourceType.OBJLNK;
import static io.bootgate.api.model.ResourceType.OPAQUE;
import static io.bootgate.api.model.ResourceType.STRING;
import static io.bootgate.api.model.ResourceType.TIME;
import static io.bootgate.api.model.ResourceType.UNSIGNED_INTEGER;

import java.util.List;

/**
 * Definitions of the core objects a Bootgate endpoint always has (OMA LwM2M 1.1 Core, Appendix D/E), and
 * the ids of their resources as named constants so that code never spells a bare number.
 */
public final class StandardObjects {

    private StandardObjects() {}

    /** Security object, /0. Never accessible to management servers. */
    public static final class Security {
        public static final int ID = 0;
        public static final int SERVER_URI = 0;
        public static final int BOOTSTRAP_SERVER = 1;
        public static final int SECURITY_MODE = 2;
        public static final int PUBLIC_KEY_OR_IDENTITY = 3;
        public static final int SERVER_PUBLIC_KEY = 4;
        public static final int SECRET_KEY = 5;
        public static final int SMS_SECURITY_MODE = 6;
        public static final int SMS_BINDING_KEY_PARAMETERS = 7;
        public static final int SMS_BINDING_SECRET_KEYS = 8;
        public static final int SERVER_SMS_NUMBER = 9;
        public static final int SHORT_SERVER_ID = 10;
        public static final int CLIENT_HOLD_OFF_TIME = 11;
        public static final int BOOTSTRAP_SERVER_ACCOUNT_TIMEOUT = 12;
        public static final int MATCHING_TYPE = 13;
        public static final int SNI = 14;
        public static final int CERTIFICATE_USAGE = 15;
        public static final int DTLS_TLS_CIPHERSUITE = 16;
        public static final int OSCORE_SECURITY_MODE = 17;

        private Security() {}
    }

    /** Server object, /1. */
    public static final class Server {
        public static final int ID = 1;
        public static final int SHORT_SERVER_ID = 0;
        public static final int LIFETIME = 1;
        public static final int DEFAULT_MIN_PERIOD = 2;
        public static final int DEFAULT_MAX_PERIOD = 3;
        public static final int DISABLE = 4;
        public static final int DISABLE_TIMEOUT = 5;
        public static final int NOTIFICATION_STORING = 6;
        public static final int BINDING = 7;
        public static final int REGISTRATION_UPDATE_TRIGGER = 8;
        public static final int BOOTSTRAP_REQUEST_TRIGGER = 9;
        public static final int APN_LINK = 10;
        public static final int TLS_DTLS_ALERT_CODE = 11;
        public static final int LAST_BOOTSTRAPPED = 12;
        public static final int REGISTRATION_PRIORITY_ORDER = 13;
        public static final int INITIAL_REGISTRATION_DELAY_TIMER = 14;
        public static final int REGISTRATION_FAILURE_BLOCK = 15;
        public static final int BOOTSTRAP_ON_REGISTRATION_FAILURE = 16;
        public static final int COMMUNICATION_RETRY_COUNT = 17;
        public static final int COMMUNICATION_RETRY_TIMER = 18;
        public static final int COMMUNICATION_SEQUENCE_DELAY_TIMER = 19;
        public static final int COMMUNICATION_SEQUENCE_RETRY_COUNT = 20;
        public static final int TRIGGER = 21;
        public static final int PREFERRED_TRANSPORT = 22;
        public static final int MUTE_SEND = 23;

        private Server() {}
    }

    /** Access Control object, /2 (Appendix E). */
    public static final class AccessControl {
        public static final int ID = 2;
        public static final int OBJECT_ID = 0;
        public static final int OBJECT_INSTANCE_ID = 1;
        public static final int ACL = 2;
        public static final int ACCESS_CONTROL_OWNER = 3;
        /** Object Instance ID value meaning "the object itself" (rights to Create). */
        public static final int OBJECT_LEVEL = 65535;
        /** Owner value meaning "only the bootstrap server manages this instance". */
        public static final int OWNER_BOOTSTRAP_ONLY = 65535;
        /** ACL resource instance holding the default rights of servers without an entry of their own. */
        public static final int DEFAULT_ACL_INSTANCE = 0;

        public static final int READ = 1;
        public static final int WRITE = 2;
        public static final int EXECUTE = 4;
        public static final int DELETE = 8;
        public static final int CREATE = 16;

        private AccessControl() {}
    }

    /** Device object, /3. */
    public static final class Device {
        public static final int ID = 3;
        public static final int MANUFACTURER = 0;
        public static final int MODEL_NUMBER = 1;
        public static final int SERIAL_NUMBER = 2;
        public static final int FIRMWARE_VERSION = 3;
        public static final int REBOOT = 4;
        public static final int FACTORY_RESET = 5;
        public static final int ERROR_CODE = 11;
        public static final int CURRENT_TIME = 13;
        public static final int SUPPORTED_BINDINGS = 16;

        private Device() {}
    }

    private static ResourceModel r(
            int id, String name, Operations ops, boolean multiple, boolean mandatory, ResourceType type) {
        return new ResourceModel(id, name, ops, multiple, mandatory, type);
    }

    private static final boolean SINGLE = false;
    private static final boolean MULTI = true;
    private static final boolean MANDATORY = true;
    private static final boolean OPTIONAL = false;

    public static final ObjectModel SECURITY = ObjectModel.of(
            Security.ID,
            "LwM2M Security",
            "1.1",
            MULTI,
            MANDATORY,
            List.of(
                    r(0, "LwM2M Server URI", NONE, SINGLE, MANDATORY, STRING),
                    r(1, "Bootstrap-Server", NONE, SINGLE, MANDATORY, BOOLEAN),
                    r(2, "Security Mode", NONE, SINGLE, MANDATORY, INTEGER),
                    r(3, "Public Key or Identity", NONE, SINGLE, MANDATORY, OPAQUE),
                    r(4, "Server Public Key", NONE, SINGLE, MANDATORY, OPAQUE),
                    r(5, "Secret Key", NONE, SINGLE, MANDATORY, OPAQUE),
                    r(6, "SMS Security Mode", NONE, SINGLE, OPTIONAL, INTEGER),
                    r(7, "SMS Binding Key Parameters", NONE, SINGLE, OPTIONAL, OPAQUE),
                    r(8, "SMS Binding Secret Key(s)", NONE, SINGLE, OPTIONAL, OPAQUE),
                    r(9, "LwM2M Server SMS Number", NONE, SINGLE, OPTIONAL, STRING),
                    r(10, "Short Server ID", NONE, SINGLE, OPTIONAL, INTEGER),
                    r(11, "Client Hold Off Time", NONE, SINGLE, OPTIONAL, INTEGER),
                    r(12, "Bootstrap-Server Account Timeout", NONE, SINGLE, OPTIONAL, INTEGER),
                    r(13, "Matching Type", NONE, SINGLE, OPTIONAL, UNSIGNED_INTEGER),
                    r(14, "SNI", NONE, SINGLE, OPTIONAL, STRING),
                    r(15, "Certificate Usage", NONE, SINGLE, OPTIONAL, UNSIGNED_INTEGER),
                    r(16, "DTLS/TLS Ciphersuite", NONE, MULTI, OPTIONAL, UNSIGNED_INTEGER),
                    r(17, "OSCORE Security Mode", NONE, SINGLE, OPTIONAL, OBJLNK)));

    public static final ObjectModel SERVER = ObjectModel.of(
            Server.ID,
            "LwM2M Server",
            "1.1",
            MULTI,
            MANDATORY,
            List.of(
                    r(0, "Short Server ID", READ, SINGLE, MANDATORY, INTEGER),
                    r(1, "Lifetime", READ_WRITE, SINGLE, MANDATORY, INTEGER),
                    r(2, "Default Minimum Period", READ_WRITE, SINGLE, OPTIONAL, INTEGER),
                    r(3, "Default Maximum Period", READ_WRITE, SINGLE, OPTIONAL, INTEGER),
                    r(4, "Disable", EXECUTE, SINGLE, OPTIONAL, ResourceType.NONE),
                    r(5, "Disable Timeout", READ_WRITE, SINGLE, OPTIONAL, INTEGER),
                    r(6, "Notification Storing When Disabled or Offline", READ_WRITE, SINGLE, MANDATORY, BOOLEAN),
                    r(7, "Binding", READ_WRITE, SINGLE, MANDATORY, STRING),
                    r(8, "Registration Update Trigger", EXECUTE, SINGLE, MANDATORY, ResourceType.NONE),
                    r(9, "Bootstrap-Request Trigger", EXECUTE, SINGLE, OPTIONAL, ResourceType.NONE),
                    r(10, "APN Link", READ_WRITE, SINGLE, OPTIONAL, OBJLNK),
                    r(11, "TLS-DTLS Alert Code", READ, SINGLE, OPTIONAL, UNSIGNED_INTEGER),
                    r(12, "Last Bootstrapped", READ, SINGLE, OPTIONAL, TIME),
                    r(13, "Registration Priority Order", READ_WRITE, SINGLE, OPTIONAL, UNSIGNED_INTEGER),
                    r(14, "Initial Registration Delay Timer", READ_WRITE, SINGLE, OPTIONAL, UNSIGNED_INTEGER),
                    r(15, "Registration Failure Block", READ_WRITE, SINGLE, OPTIONAL, BOOLEAN),
                    r(16, "Bootstrap on Registration Failure", READ_WRITE, SINGLE, OPTIONAL, BOOLEAN),
                    r(17, "Communication Retry Count", READ_WRITE, SINGLE, OPTIONAL, UNSIGNED_INTEGER),
                    r(18, "Communication Retry Timer", READ_WRITE, SINGLE, OPTIONAL, UNSIGNED_INTEGER),
                    r(19, "Communication Sequence Delay Timer", READ_WRITE, SINGLE, OPTIONAL, UNSIGNED_INTEGER),
                    r(20, "Communication Sequence Retry Count", READ_WRITE, SINGLE, OPTIONAL, UNSIGNED_INTEGER),
                    r(21, "Trigger", READ_WRITE, SINGLE, OPTIONAL, BOOLEAN),
                    r(22, "Preferred Transport", READ_WRITE, SINGLE, OPTIONAL, STRING),
                    r(23, "Mute Send", READ_WRITE, SINGLE, OPTIONAL, BOOLEAN)));

    public static final ObjectModel ACCESS_CONTROL = ObjectModel.of(
            AccessControl.ID,
            "LwM2M Access Control",
            "1.0",
            MULTI,
            OPTIONAL,
            List.of(
                    r(0, "Object ID", READ, SINGLE, MANDATORY, INTEGER),
                    r(1, "Object Instance ID", READ, SINGLE, MANDATORY, INTEGER),
                    r(2, "ACL", READ_WRITE, MULTI, OPTIONAL, INTEGER),
                    r(3, "Access Control Owner", READ_WRITE, SINGLE, MANDATORY, INTEGER)));

    public static final ObjectModel DEVICE = ObjectModel.of(
            Device.ID,
            "Device",
            "1.1",
            SINGLE,
            MANDATORY,
            List.of(
                    r(0, "Manufacturer", READ, SINGLE, OPTIONAL, STRING),
                    r(1, "Model Number", READ, SINGLE, OPTIONAL, STRING),
                    r(2, "Serial Number", READ, SINGLE, OPTIONAL, STRING),
                    r(3, "Firmware Version", READ, SINGLE, OPTIONAL, STRING),
                    r(4, "Reboot", EXECUTE, SINGLE, MANDATORY, ResourceType.NONE),
                    r(5, "Factory Reset", EXECUTE, SINGLE, OPTIONAL, ResourceType.NONE),
                    r(6, "Available Power Sources", READ, MULTI, OPTIONAL, INTEGER),
                    r(7, "Power Source Voltage", READ, MULTI, OPTIONAL, INTEGER),
                    r(8, "Power Source Current", READ, MULTI, OPTIONAL, INTEGER),
                    r(9, "Battery Level", READ, SINGLE, OPTIONAL, INTEGER),
                    r(10, "Memory Free", READ, SINGLE, OPTIONAL, INTEGER),
                    r(11, "Error Code", READ, MULTI, MANDATORY, INTEGER),
                    r(12, "Reset Error Code", EXECUTE, SINGLE, OPTIONAL, ResourceType.NONE),
                    r(13, "Current Time", READ_WRITE, SINGLE, OPTIONAL, TIME),
                    r(14, "UTC Offset", READ_WRITE, SINGLE, OPTIONAL, STRING),
                    r(15, "Timezone", READ_WRITE, SINGLE, OPTIONAL, STRING),
                    r(16, "Supported Binding and Modes", READ, SINGLE, MANDATORY, STRING),
                    r(17, "Device Type", READ, SINGLE, OPTIONAL, STRING),
                    r(18, "Hardware Version", READ, SINGLE, OPTIONAL, STRING),
                    r(19, "Software Version", READ, SINGLE, OPTIONAL, STRING),
                    r(20, "Battery Status", READ, SINGLE, OPTIONAL, INTEGER),
                    r(21, "Memory Total", READ, SINGLE, OPTIONAL, INTEGER),
                    r(22, "ExtDevInfo", READ, MULTI, OPTIONAL, OBJLNK)));

    static final ObjectModelRegistry REGISTRY =
            ObjectModelRegistry.of(List.of(SECURITY, SERVER, ACCESS_CONTROL, DEVICE));
}
