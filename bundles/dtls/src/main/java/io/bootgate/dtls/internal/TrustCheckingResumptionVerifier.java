/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dtls.internal;

import org.eclipse.californium.scandium.dtls.ConnectionId;
import org.eclipse.californium.scandium.dtls.DTLSSession;
import org.eclipse.californium.scandium.dtls.ResumptionVerificationResult;
import org.eclipse.californium.scandium.dtls.SessionId;
import org.eclipse.californium.scandium.dtls.resumption.ConnectionStoreResumptionVerifier;
import org.eclipse.californium.scandium.util.SecretUtil;
import org.eclipse.californium.scandium.util.ServerNames;

/**
 * A server's resumption check that asks the server's trust again. Scandium resumes any session it still holds;
 * but a bootstrap server's trust is live (a device whose configuration was removed, or whose key was replaced, is
 * no longer trusted), and an abbreviated handshake never shows a certificate to check. So a session whose client
 * identity the trust no longer accepts is not resumed: the handshake goes on as a full one, where the
 * {@link PeerCertificateVerifier} refuses the client with its usual log line.
 */
final class TrustCheckingResumptionVerifier extends ConnectionStoreResumptionVerifier {

    private final PeerCertificateVerifier verifier;

    TrustCheckingResumptionVerifier(PeerCertificateVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public ResumptionVerificationResult verifyResumptionRequest(
            ConnectionId cid, ServerNames serverName, SessionId sessionId) {
        ResumptionVerificationResult found = super.verifyResumptionRequest(cid, serverName, sessionId);
        DTLSSession session = found.getDTLSSession();
        if (session == null || verifier.stillTrusts(session.getPeerIdentity(), true)) {
            return found;
        }
        SecretUtil.destroy(session);
        return new ResumptionVerificationResult(cid, null, null);
    }
}
