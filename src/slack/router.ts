import type { AnyMiddlewareArgs, App, Middleware } from '@slack/bolt';

/** What the `register…` functions use of Bolt's app: its listener methods, with Bolt's own types. */
export type Listeners = Pick<App, 'command' | 'action' | 'view' | 'event' | 'message'>;

// biome-ignore lint/suspicious/noExplicitAny: a listener's arguments depend on its kind; Bolt types them at registration.
type Listener = (args: any) => Promise<void> | void;

/**
 * Bolt runs every registered listener's middleware chain for every request — for each, its matchers, each copying
 * the listener arguments — so with the app's thirty listeners that dispatch alone was about a tenth of a request's
 * CPU (`bench/README.md`). The listeners register here instead, with the same calls and types as on the app; the
 * router is one middleware, last in the app's chain, that looks up the listeners for the request by its command
 * name, action id, view callback id or event type and runs them, as Bolt would have, side by side.
 *
 * What is matched is what the app registers: a command name, an action id (a string or a RegExp), a view's callback
 * id (view submissions, as Bolt's `app.view(id)` matches by default), an event type, and `message()` without a
 * pattern (every message event). Anything else throws at registration.
 */
export class ListenerRouter {
  readonly #commands = new Map<string, Listener[]>();
  readonly #actions = new Map<string, Listener[]>();
  readonly #actionPatterns: Array<{ pattern: RegExp; listener: Listener }> = [];
  readonly #views = new Map<string, Listener[]>();
  readonly #events = new Map<string, Listener[]>();

  /** This router seen through the app's listener methods, for the `register…` functions. */
  get listeners(): Listeners {
    const add = (map: Map<string, Listener[]>, key: unknown, rest: unknown[]) => {
      if (typeof key !== 'string') throw new Error(`listener key must be a string: ${String(key)}`);
      map.set(key, [...(map.get(key) ?? []), single(rest)]);
    };
    return {
      command: (name: unknown, ...rest: unknown[]) => add(this.#commands, name, rest),
      action: (id: unknown, ...rest: unknown[]) => {
        if (id instanceof RegExp) this.#actionPatterns.push({ pattern: id, listener: single(rest) });
        else add(this.#actions, id, rest);
      },
      view: (callbackId: unknown, ...rest: unknown[]) => add(this.#views, callbackId, rest),
      event: (type: unknown, ...rest: unknown[]) => add(this.#events, type, rest),
      message: (...rest: unknown[]) => add(this.#events, 'message', rest),
    } as unknown as Listeners;
  }

  /** The listeners for one request, in the order they were registered. */
  listenersFor(args: AnyMiddlewareArgs): Listener[] {
    const a = args as Partial<Record<'command' | 'action' | 'view' | 'event' | 'body', Record<string, unknown>>>;
    if (a.command) return this.#commands.get(String(a.command.command)) ?? [];
    if (a.action) {
      const id = a.action.action_id;
      if (typeof id !== 'string') return [];
      const byPattern = this.#actionPatterns.filter((p) => p.pattern.test(id)).map((p) => p.listener);
      return [...(this.#actions.get(id) ?? []), ...byPattern];
    }
    if (a.view) {
      return a.body?.type === 'view_submission' ? (this.#views.get(String(a.view.callback_id)) ?? []) : [];
    }
    if (a.event) return this.#events.get(String(a.event.type)) ?? [];
    return [];
  }

  /** The middleware that dispatches: add it to the app after every other middleware. */
  middleware(): Middleware<AnyMiddlewareArgs> {
    return async (args) => {
      const listeners = this.listenersFor(args);
      if (listeners.length === 1) return void (await (listeners[0] as Listener)(args));
      const failed = (await Promise.allSettled(listeners.map(async (l) => l(args)))).filter(
        (r): r is PromiseRejectedResult => r.status === 'rejected',
      );
      if (failed.length === 1) throw failed[0]?.reason;
      if (failed.length > 1)
        throw new AggregateError(
          failed.map((f) => f.reason),
          'several listeners failed',
        );
    };
  }
}

function single(rest: unknown[]): Listener {
  const [listener] = rest;
  if (rest.length !== 1 || typeof listener !== 'function') {
    throw new Error('a listener is registered with one function and no middleware of its own');
  }
  return listener as Listener;
}
