// Request loggers made only when something is logged: a pino child per request costs as much as serving a document.
import type { FastifyBaseLogger, FastifyServerOptions } from 'fastify';

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
type Bindings = Parameters<FastifyBaseLogger['child']>[0];
type ChildOptions = Parameters<FastifyBaseLogger['child']>[1];
/** pino's loggers answer this; other loggers may not. */
type MaybeLevelCheck = { isLevelEnabled?: (level: string) => boolean };

/** Stands for `parent.child(bindings)`; the child is made on the first call at an enabled level. */
class LazyChildLogger implements FastifyBaseLogger {
  #child: FastifyBaseLogger | undefined;

  constructor(
    private readonly parent: FastifyBaseLogger,
    private readonly bindings: Bindings,
    private readonly options: ChildOptions,
  ) {}

  #made(): FastifyBaseLogger {
    this.#child ??= this.parent.child(this.bindings, this.options);
    return this.#child;
  }

  #log(level: Level, args: unknown[]): void {
    // Disabled levels cost a level check, not a child (pino answers isLevelEnabled; other loggers are asked directly).
    const check = (this.parent as MaybeLevelCheck).isLevelEnabled;
    if (this.#child === undefined && typeof check === 'function' && !check.call(this.parent, level)) return;
    (this.#made()[level] as (...a: unknown[]) => void)(...args);
  }

  get level(): string {
    return this.#child?.level ?? this.parent.level;
  }
  set level(level: string) {
    this.#made().level = level;
  }
  get silent() {
    return this.#made().silent;
  }
  child(bindings: Bindings, options?: ChildOptions): FastifyBaseLogger {
    return this.#made().child(bindings, options);
  }
  fatal(...args: unknown[]): void {
    this.#log('fatal', args);
  }
  error(...args: unknown[]): void {
    this.#log('error', args);
  }
  warn(...args: unknown[]): void {
    this.#log('warn', args);
  }
  info(...args: unknown[]): void {
    this.#log('info', args);
  }
  debug(...args: unknown[]): void {
    this.#log('debug', args);
  }
  trace(...args: unknown[]): void {
    this.#log('trace', args);
  }
}

/** Fastify's childLoggerFactory: a route-level log level needs a real child at once; otherwise the child waits. */
export const lazyChildLogger: NonNullable<FastifyServerOptions['childLoggerFactory']> = (logger, bindings, options) =>
  options.level ? logger.child(bindings, options) : new LazyChildLogger(logger, bindings, options);
