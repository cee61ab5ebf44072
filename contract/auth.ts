// The IIIF Authorization Flow 2.0 action (family `auth`): which deployment a test client page walks
// through, step by step, and what it saw at each step. The client page is ours, written from the
// spec's client section (https://iiif.io/api/auth/2.0/#workflow-from-the-browser-client-perspective);
// clicks and typing in it, its access window and its token iframe are a person's input through the
// engine (harness/auth/flow.ts), never script.

import { type Static, Type } from '@sinclair/typebox';
import { Opt, StringEnum } from './helpers.ts';

/**
 * The client's steps, in the order a scenario lists them:
 * - `probe` / `probe-with-token`: the probe service, without and with `Authorization: Bearer <token>`
 * - `login`: a click on the client's login button opens the access window; the person types a user
 *   name and a password and submits; the window closes itself
 * - `kiosk`: the client opens the access window itself, without a user gesture
 * - `token`: the token service in an iframe (messageId, origin); with `storageAccessClick` a click in
 *   it when its page asks for storage access
 * - `tile`: one tile as <img crossorigin=use-credentials>, drawn to a canvas
 * - `logout`: a click on the logout button opens the logout window, which closes itself
 * - `token-again`, `tile-again`: the same after logout
 */
export const AUTH_FLOW_STEPS = ['probe', 'login', 'kiosk', 'token', 'probe-with-token', 'tile', 'logout', 'token-again', 'tile-again'] as const;
const StepSchema = StringEnum(AUTH_FLOW_STEPS);
export type AuthFlowStep = Static<typeof StepSchema>;

const ORIGIN_NAMES = ['viewer', 'image', 'other', 'imageCrossSite'] as const;

export const AuthOptionsSchema = Type.Object({
  kind: Type.Literal('auth'),
  profile: Type.String({ description: 'the Auth 2.0 fixture profile (fixtures/auth/profiles.ts)' }),
  steps: Type.Array(StepSchema),
  storageAccessClick: Opt(Type.Boolean({ description: 'click the token page\'s storage-access button when it shows one' })),
  rogue: Opt(Type.Boolean({ description: 'a frame on the `other` origin posts a forged AuthAccessToken2 with the right messageId first' })),
});

/** As a scenario table writes it: where the image (and its services) live, and which origin the client claims. */
export const AuthActionSchema = Type.Composite([
  AuthOptionsSchema,
  Type.Object({
    images: StringEnum(ORIGIN_NAMES, 'the origin of the image and (unless the profile moves them) its auth services'),
    claimOrigin: Opt(StringEnum(ORIGIN_NAMES, 'the `origin` parameter the client sends (default: its own origin)')),
    client: Opt(StringEnum(ORIGIN_NAMES, 'the origin of the client page (default viewer; `other` plays a page that wants the token)')),
  }),
]);
export type AuthAction = Static<typeof AuthActionSchema>;

/** As sent to the page: the info.json URL and the client page, resolved. */
export const ResolvedAuthOptions = Type.Object({
  url: Type.String({ description: 'the image\'s info.json' }),
  clientUrl: Type.String(),
  claimOrigin: Opt(Type.String()),
  rogueUrl: Opt(Type.String()),
});

/**
 * What the client saw, per step (string values, compared exactly):
 * probe*: the AuthProbeResult2 `status` ('401', '200') or 'blocked' (a network error);
 * access: 'closed' (the window closed itself), 'open', 'blocked' (window.open gave null), 'no-window';
 * token*: 'AuthAccessToken2', 'AuthAccessTokenError2:<profile>' or 'none' (no message came);
 * storageAccess: what the token page reported ('granted', 'denied', 'pending', 'unavailable') or 'not-asked';
 * tile*: 'shown' (loaded and drawn clean), 'tainted', 'error';
 * ignored: the origins (role names) of messages the client dropped by its origin check.
 */
export const AuthObservationSchema = Type.Record(Type.String(), Type.String());
export type AuthObservation = Static<typeof AuthObservationSchema>;
