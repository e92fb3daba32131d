import { create } from 'zustand';

export type ToastKind = 'info' | 'success' | 'warning' | 'error';

export interface Toast {
  id: number;
  kind: ToastKind;
  title: string;
  body?: string;
}

/** Errors stay until dismissed (they may need action); everything else fades after a while. */
const TOAST_MS: Record<ToastKind, number | null> = { info: 5000, success: 4000, warning: 8000, error: null };
const MAX_TOASTS = 5;

interface ToastState {
  toasts: Toast[];
  push: (kind: ToastKind, title: string, body?: string) => void;
  dismiss: (id: number) => void;
}

let nextId = 1;

export const useToasts = create<ToastState>()((set, get) => ({
  toasts: [],
  push(kind, title, body) {
    const id = nextId++;
    set({ toasts: [...get().toasts, { id, kind, title, ...(body === undefined ? {} : { body }) }].slice(-MAX_TOASTS) });
    const lifetime = TOAST_MS[kind];
    if (lifetime !== null) setTimeout(() => get().dismiss(id), lifetime);
  },
  dismiss(id) {
    set({ toasts: get().toasts.filter((toast) => toast.id !== id) });
  },
}));

/** Shorthand for stores and pages outside React's render. */
export const toast = (kind: ToastKind, title: string, body?: string): void => useToasts.getState().push(kind, title, body);
