import { Type, type Static } from '@sinclair/typebox';

const Channel = Type.Object(
  {
    toast: Type.Boolean({ description: 'Show a toast in the terminal' }),
    sound: Type.Boolean({ description: 'Play a short sound with it' }),
  },
  { additionalProperties: false },
);

/** How a person wants to hear about each kind of event; kept per user, on every terminal. */
export const NotificationPreferences = Type.Object(
  {
    marketAlerts: Channel,
    bidUpdates: Channel,
    syncConflicts: Channel,
    system: Channel,
  },
  { additionalProperties: false, title: 'NotificationPreferences' },
);
export type NotificationPreferences = Static<typeof NotificationPreferences>;
export type NotificationKind = keyof NotificationPreferences;

/** A quiet desk by default: toasts for everything, sound only for what needs action now. */
export const DEFAULT_NOTIFICATION_PREFERENCES: NotificationPreferences = {
  marketAlerts: { toast: true, sound: true },
  bidUpdates: { toast: true, sound: false },
  syncConflicts: { toast: true, sound: true },
  system: { toast: true, sound: false },
};
