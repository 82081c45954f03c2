/** Every platform adapter has this shape; the process starts and stops them alike. */
export interface Adapter {
  readonly name: string;
  start(): Promise<void>;
  /** Stops accepting input and waits for in-flight work. */
  stop(): Promise<void>;
}
