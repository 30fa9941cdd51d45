/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.mode.smartcard.internal;

import io.bootgate.api.bootstrap.AttemptTree;
import io.bootgate.api.bootstrap.BootstrapContext;
import io.bootgate.api.bootstrap.BootstrapMode;
import io.bootgate.api.bootstrap.BootstrapModeName;
import io.bootgate.api.bootstrap.BootstrapOutcome;
import io.bootgate.api.bootstrap.FinishResult;
import io.bootgate.api.codec.CodecException;
import io.bootgate.api.codec.LwM2mDecoder;
import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.LwM2mNode;
import io.bootgate.api.model.LwM2mObject;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.ObjectModel;
import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.store.StoreException;
import io.bootgate.api.store.WriteMode;
import io.bootgate.mode.smartcard.internal.BootstrapFile.CardObject;
import io.bootgate.mode.smartcard.internal.Pkcs15BootstrapReader.CardBootstrapData;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bootstrap from Smartcard (OMA LwM2M Core 1.1 clause 5.2.4 and Appendix G): reads EF LwM2M_Bootstrap of
 * the card's PKCS#15 application over PC/SC, decodes its objects (LwM2M TLV), writes them into the attempt's
 * transaction and lets the engine's Finish decide.
 * <p>
 * No reader, no card or no PC/SC subsystem ends the attempt as "not applicable", so the device's sequence
 * goes on with its next mode. A card that is there but does not deliver consistent bootstrap information
 * (no LwM2M application, unreadable files, malformed content, a configuration the Finish refuses) is a
 * failure; the engine then rolls the transaction back, so the store keeps what it had.
 * <p>
 * Card access is blocking, so it runs on one thread of this mode's own, never on the engine's scheduler.
 * One thread is enough: a reader serves one command at a time anyway, and the thread count stays bounded
 * however many devices the gateway proxies.
 */
@Component(service = BootstrapMode.class, configurationPid = SmartcardBootstrapMode.PID)
@BootstrapModeName(BootstrapModeName.SMARTCARD)
@Designate(ocd = SmartcardModeConfiguration.class)
public final class SmartcardBootstrapMode implements BootstrapMode {

    /** Configuration PID of the gateway-wide defaults. */
    public static final String PID = "io.bootgate.mode.smartcard";

    private static final Logger LOG = LoggerFactory.getLogger(SmartcardBootstrapMode.class);

    private final CardTerminalSource terminalSource;
    private final LwM2mDecoder decoder;
    private final SmartcardSettings defaults;
    private final Pkcs15BootstrapReader reader = new Pkcs15BootstrapReader();
    private final ExecutorService cardThread;

    @Activate
    public SmartcardBootstrapMode(@Reference LwM2mDecoder decoder, SmartcardModeConfiguration configuration) {
        this(new PcscTerminalSource(), decoder, SmartcardSettings.of(configuration));
    }

    SmartcardBootstrapMode(CardTerminalSource terminalSource, LwM2mDecoder decoder, SmartcardSettings defaults) {
        this.terminalSource = terminalSource;
        this.decoder = decoder;
        this.defaults = defaults;
        this.cardThread = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "bootgate-smartcard");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Deactivate
    void deactivate() {
        // The attempt on the card thread is interrupted; queued ones never start and end as failures here, so
        // that no engine waits on a stage that would never complete.
        List<Runnable> queued = cardThread.shutdownNow();
        for (Runnable task : queued) {
            if (task instanceof CardTask cardTask) {
                cardTask.outcome.complete(
                        BootstrapOutcome.failure("the smartcard mode stopped before the card" + " was read"));
            }
        }
        if (!queued.isEmpty()) {
            LOG.info(
                    "smartcard mode stopped with {} smartcard attempts still queued; they end as failures",
                    queued.size());
        }
    }

    @Override
    public String name() {
        return BootstrapModeName.SMARTCARD;
    }

    @Override
    public CompletionStage<BootstrapOutcome> attempt(BootstrapContext context) {
        CardTask task = new CardTask(context);
        try {
            cardThread.execute(task);
        } catch (RejectedExecutionException e) {
            task.outcome.complete(BootstrapOutcome.failure("the smartcard mode is stopping", e));
        }
        return task.outcome;
    }

    /** One attempt waiting for or running on the card thread. */
    private final class CardTask implements Runnable {

        final CompletableFuture<BootstrapOutcome> outcome = new CompletableFuture<>();
        private final BootstrapContext context;

        CardTask(BootstrapContext context) {
            this.context = context;
        }

        @Override
        public void run() {
            try {
                outcome.complete(SmartcardBootstrapMode.this.run(context));
            } catch (RuntimeException e) {
                LOG.warn("device {}: smartcard bootstrap failed unexpectedly", context.endpoint(), e);
                outcome.complete(BootstrapOutcome.failure("smartcard bootstrap failed unexpectedly", e));
            }
        }
    }

    /** The attempt, on the card thread. */
    private BootstrapOutcome run(BootstrapContext context) {
        String device = context.endpoint();
        if (context.closed().toCompletableFuture().isDone()) {
            return BootstrapOutcome.failure("the attempt ended before the smartcard could be read");
        }
        SmartcardSettings settings;
        Pkcs15BootstrapReader.Options options;
        try {
            settings = defaults.with(context.configuration());
            options = settings.readerOptions();
        } catch (IllegalArgumentException e) {
            LOG.warn("device {}: smartcard bootstrap not attempted: {}", device, e.getMessage());
            return BootstrapOutcome.failure(e.getMessage());
        }

        CardTerminal terminal;
        try {
            terminal = selectTerminal(settings.reader());
        } catch (SmartcardAbsentException e) {
            LOG.info("device {}: smartcard bootstrap not applicable: {}", device, e.getMessage());
            return BootstrapOutcome.notApplicable(e.getMessage());
        } catch (IllegalArgumentException e) {
            LOG.warn("device {}: smartcard bootstrap failed: {}", device, e.getMessage());
            return BootstrapOutcome.failure(e.getMessage());
        } catch (CardException e) {
            String cause = "PC/SC reader list unavailable: " + describe(e);
            LOG.warn("device {}: smartcard bootstrap failed: {}", device, cause);
            return BootstrapOutcome.failure(cause, e);
        }

        String readerName = terminal.getName();
        CardBootstrapData data;
        try {
            data = readCard(terminal, options, device);
        } catch (SmartcardAbsentException e) {
            LOG.info("device {}: smartcard bootstrap not applicable: {}", device, e.getMessage());
            return BootstrapOutcome.notApplicable(e.getMessage());
        } catch (CardDataException | CardStatusException e) {
            String cause = "card in reader '" + readerName + "': " + e.getMessage();
            LOG.warn("device {}: smartcard bootstrap failed: {}", device, cause);
            return BootstrapOutcome.failure(cause);
        } catch (CardException | IllegalStateException e) {
            // IllegalStateException: javax.smartcardio's answer to a card removed or disconnected mid-way.
            String cause = "reading the card in reader '" + readerName + "' failed: " + describe(e);
            LOG.warn("device {}: smartcard bootstrap failed: {}", device, cause);
            return BootstrapOutcome.failure(cause, e);
        }

        String source = "reader '" + readerName + "', application " + data.applicationAid() + ", " + data.dataObject()
                + " at " + data.location();
        List<LwM2mObject> objects;
        try {
            // The store's models are the ones its writes are checked against, so the TLV is typed by them too.
            objects = decode(data.objects(), context.models());
        } catch (CardDataException e) {
            String cause = "bootstrap data from " + source + ": " + e.getMessage();
            LOG.warn("device {}: smartcard bootstrap failed: {}", device, cause);
            return BootstrapOutcome.failure(cause);
        }
        return apply(context, objects, source);
    }

    private CardTerminal selectTerminal(Optional<String> wanted) throws SmartcardAbsentException, CardException {
        CardTerminals terminals = terminalSource.terminals();
        List<CardTerminal> all;
        try {
            all = terminals.list();
        } catch (CardException e) {
            String reason = describe(e);
            // pcsc-lite: no daemon, or a daemon without readers; neither leaves anything to read.
            if (reason.contains("SCARD_E_NO_SERVICE")
                    || reason.contains("SCARD_E_NO_READERS_AVAILABLE")
                    || reason.contains("SCARD_E_SERVICE_STOPPED")) {
                throw new SmartcardAbsentException("no smartcard reader available (" + reason + ")", e);
            }
            throw e;
        }
        List<String> names = all.stream().map(CardTerminal::getName).toList();
        if (all.isEmpty()) {
            throw new SmartcardAbsentException("no smartcard reader is connected");
        }
        if (wanted.isPresent()) {
            CardTerminal terminal = byName(all, wanted.get(), names);
            if (!terminal.isCardPresent()) {
                throw new SmartcardAbsentException("no card in reader '" + terminal.getName() + "'");
            }
            return terminal;
        }
        List<CardTerminal> withCard = new ArrayList<>();
        for (CardTerminal terminal : all) {
            if (terminal.isCardPresent()) {
                withCard.add(terminal);
            }
        }
        if (withCard.isEmpty()) {
            throw new SmartcardAbsentException("no card in any reader " + names);
        }
        if (withCard.size() > 1) {
            // Reading "some" card would bootstrap the device with another device's data.
            throw new IllegalArgumentException("several readers hold a card "
                    + withCard.stream().map(CardTerminal::getName).toList()
                    + "; set the device's smartcard property '" + SmartcardSettings.READER + "'");
        }
        return withCard.get(0);
    }

    private static CardTerminal byName(List<CardTerminal> all, String wanted, List<String> names)
            throws SmartcardAbsentException {
        for (CardTerminal terminal : all) {
            if (terminal.getName().equals(wanted)) {
                return terminal;
            }
        }
        List<CardTerminal> prefixed =
                all.stream().filter(t -> t.getName().startsWith(wanted)).toList();
        if (prefixed.size() == 1) {
            return prefixed.get(0);
        }
        if (prefixed.size() > 1) {
            throw new IllegalArgumentException("reader name '" + wanted + "' matches several readers "
                    + prefixed.stream().map(CardTerminal::getName).toList());
        }
        throw new SmartcardAbsentException("reader '" + wanted + "' is not connected; connected readers: " + names);
    }

    /**
     * Connects, holds the card exclusively (no other PC/SC client interleaves its commands with ours), opens
     * a logical channel with MANAGE CHANNEL as Appendix G.2.1 asks, reads, and releases everything again.
     */
    private CardBootstrapData readCard(CardTerminal terminal, Pkcs15BootstrapReader.Options options, String device)
            throws SmartcardAbsentException, CardException, CardStatusException, CardDataException {
        String readerName = terminal.getName();
        Card card;
        try {
            card = terminal.connect("*");
        } catch (CardException e) {
            if (!terminal.isCardPresent()) {
                throw new SmartcardAbsentException("the card was removed from reader '" + readerName + "'", e);
            }
            throw e;
        }
        try {
            card.beginExclusive();
            try {
                CardChannel channel = openChannel(card, readerName, device);
                try {
                    return reader.read(channel, options);
                } finally {
                    closeChannel(channel, readerName, device);
                }
            } finally {
                endExclusive(card, readerName, device);
            }
        } finally {
            disconnect(card, readerName, device);
        }
    }

    private static CardChannel openChannel(Card card, String readerName, String device) {
        try {
            return card.openLogicalChannel();
        } catch (CardException e) {
            // A card without logical channels still serves the same files on the basic channel, which we hold
            // exclusively; refusing would leave such a device without its bootstrap data.
            LOG.warn(
                    "device {}: card in reader '{}' opens no logical channel ({}); reading on the basic channel",
                    device,
                    readerName,
                    describe(e));
            return card.getBasicChannel();
        }
    }

    private static void closeChannel(CardChannel channel, String readerName, String device) {
        if (channel.getChannelNumber() == 0) {
            return;
        }
        try {
            channel.close();
        } catch (CardException | IllegalStateException e) {
            LOG.debug(
                    "device {}: closing the logical channel of reader '{}' failed: {}",
                    device,
                    readerName,
                    describe(e));
        }
    }

    private static void endExclusive(Card card, String readerName, String device) {
        try {
            card.endExclusive();
        } catch (CardException | IllegalStateException e) {
            LOG.debug(
                    "device {}: releasing exclusive access to reader '{}' failed: {}", device, readerName, describe(e));
        }
    }

    private static void disconnect(Card card, String readerName, String device) {
        try {
            card.disconnect(false);
        } catch (CardException | IllegalStateException e) {
            LOG.debug("device {}: disconnecting from reader '{}' failed: {}", device, readerName, describe(e));
        }
    }

    /** Decodes every object before anything is written, so that bad content never reaches the transaction. */
    private List<LwM2mObject> decode(List<CardObject> cardObjects, ObjectModelRegistry registry)
            throws CardDataException {
        TreeMap<Integer, LwM2mObject> objects = new TreeMap<>();
        for (CardObject cardObject : cardObjects) {
            int id = cardObject.objectId();
            ObjectModel model = registry.object(id)
                    .orElseThrow(() -> new CardDataException("object /" + id + " has no definition on this gateway"));
            checkVersion(cardObject, model);
            if (objects.containsKey(id)) {
                throw new CardDataException("object /" + id + " appears twice");
            }
            byte[] tlv = cardObject.instancesTlv();
            if (tlv.length == 0) {
                objects.put(id, LwM2mObject.of(id, List.of()));
                continue;
            }
            LwM2mNode node;
            try {
                node = decoder.decode(tlv, ContentFormat.TLV, LwM2mPath.of(id), registry);
            } catch (CodecException e) {
                throw new CardDataException("object /" + id + " is not valid LwM2M TLV: " + e.getMessage(), e);
            }
            if (!(node instanceof LwM2mObject object)) {
                throw new CardDataException("object /" + id + " did not decode to an object");
            }
            objects.put(id, object);
        }
        return List.copyOf(objects.values());
    }

    /**
     * LwM2M object versions are compatible within a major version; a card carrying another major version of
     * an object than the gateway defines would be read with the wrong resource definitions.
     */
    private static void checkVersion(CardObject cardObject, ObjectModel model) throws CardDataException {
        if (cardObject.implicitVersion()) {
            return;
        }
        String modelVersion = model.version();
        int dot = modelVersion.indexOf('.');
        int modelMajor;
        try {
            modelMajor = Integer.parseInt(dot < 0 ? modelVersion : modelVersion.substring(0, dot));
        } catch (NumberFormatException e) {
            throw new CardDataException(
                    "object /" + model.id() + " has an unreadable model version '" + modelVersion + "' on this gateway",
                    e);
        }
        if (cardObject.majorVersion() != modelMajor) {
            throw new CardDataException("object /" + model.id() + " is version " + cardObject.version()
                    + " on the card, the gateway defines version " + modelVersion);
        }
    }

    /**
     * Writes every instance as a Bootstrap-Write on {@code /o/i} would (the instance is replaced, other
     * instances stay), then finishes. The engine commits a consistent result and rolls back anything else.
     */
    private static BootstrapOutcome apply(BootstrapContext context, List<LwM2mObject> objects, String source) {
        String device = context.endpoint();
        AttemptTree transaction = context.tree();
        List<LwM2mPath> written = new ArrayList<>();
        try {
            for (LwM2mObject object : objects) {
                for (ObjectInstance instance : object.instances().values()) {
                    LwM2mPath path = LwM2mPath.of(object.id(), instance.id());
                    transaction.write(path, instance, WriteMode.REPLACE);
                    written.add(path);
                }
            }
        } catch (StoreException | IllegalStateException e) {
            String cause = "bootstrap data from " + source + " cannot be stored: " + e.getMessage();
            LOG.warn("device {}: smartcard bootstrap failed: {}", device, cause);
            return BootstrapOutcome.failure(cause, e);
        }
        FinishResult finish = context.finish();
        if (!finish.isSuccess()) {
            LOG.warn(
                    "device {}: smartcard bootstrap from {} refused at Finish ({}): {}",
                    device,
                    source,
                    finish.code().dotted(),
                    finish.reasons());
            return BootstrapOutcome.failure(finish);
        }
        LOG.info("device {}: bootstrapped from smartcard ({}): wrote {}", device, source, written);
        return BootstrapOutcome.success();
    }

    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            text.append(": ").append(cause.getMessage());
        }
        return text.toString();
    }
}
