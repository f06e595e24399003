// Where a running script's log lines go and in what form, as Kamailio's
// core settings say: stderr (log_stderror=yes, or `siprc run -E`) as
// `PID LEVEL: PREFIXtext`, else syslog with log_facility and log_name; the
// plain text form or the json engine's documents; a line is written when
// its level is within the level of the module that logs it (the debugger
// module's mod_level, else the core's `debug`).

import { levelName } from '../server/log-levels.js';
import { COLOUR_RESET } from './colours.js';
import { jsonLine, type JsonFlags } from './json.js';
import { DEFAULT_FACILITY, facilityCode, syslogDatagram, type SyslogWriter } from './syslog.js';

export interface LogSettings {
  /** The core's level (`debug=`, `--debug`). */
  readonly level: number;
  /** Levels of their own, by module name ('core' for the core): the debugger module's mod_level. */
  readonly moduleLevels?: ReadonlyMap<string, number>;
  /** Facilities of their own, by module name: the debugger module's mod_facility. */
  readonly moduleFacilities?: ReadonlyMap<string, string>;
  /** log_facility (default LOG_DAEMON). */
  readonly facility?: string;
  /** log_name: the syslog ident (default siprc). */
  readonly name?: string;
  /** Write to stderr rather than syslog. */
  readonly stderr: boolean;
  /** The json engine's flags; absent: plain text lines. */
  readonly json?: JsonFlags;
  /** log_color=1: the escape that colours a line on stderr, by level (see colours.ts). */
  readonly colours?: ReadonlyMap<number, string>;
}

/** One line to write. */
export interface LogRecord {
  readonly level: number;
  readonly text: string;
  /** Which module logs it (default: the core). */
  readonly module?: string;
  /** A facility the line names itself (xlog's facility argument, its log_facility). */
  readonly facility?: string;
  /** What the line says instead of its level's name (the debugger module's log_level_name). */
  readonly label?: string;
  /** The log prefix evaluated for the message being handled. */
  readonly prefix?: string;
  /** That message's Call-ID (for the json engine's `c` flag). */
  readonly callId?: string;
  readonly file?: string;
  readonly line?: number;
}

export interface LogOutputs {
  /** Writes text to stderr. */
  readonly stderr: (text: string) => void;
  /** The syslog socket, when lines go to syslog. */
  readonly syslog?: SyslogWriter;
  readonly pid?: number;
  readonly now?: () => Date;
}

export class Logger {
  private readonly pid: number;
  private readonly ident: string;
  private readonly facility: number;
  /** The core's level in force (the server's, which an operator may change while it runs). */
  private coreLevel: () => number;

  constructor(
    readonly settings: LogSettings,
    private readonly outputs: LogOutputs,
  ) {
    this.pid = outputs.pid ?? process.pid;
    this.ident = settings.name ?? 'siprc';
    this.facility = facilityCode(settings.facility ?? DEFAULT_FACILITY) ?? facilityCode(DEFAULT_FACILITY)!;
    this.coreLevel = () => settings.level;
  }

  /** Takes the core's level from `level` from now on. */
  follow(level: () => number): void {
    this.coreLevel = level;
  }

  /** The highest level any module writes: what a run must record for the logger to choose from. */
  get maxLevel(): number {
    return Math.max(this.coreLevel(), ...(this.settings.moduleLevels?.values() ?? []));
  }

  /** The level lines of this module are written up to. */
  levelOf(module = 'core'): number {
    return this.settings.moduleLevels?.get(module) ?? this.coreLevel();
  }

  enabled(level: number, module = 'core'): boolean {
    return level <= this.levelOf(module);
  }

  write(record: LogRecord): void {
    const module = record.module ?? 'core';
    if (!this.enabled(record.level, module)) return;
    const level = record.label ?? levelName(record.level);
    const prefix = record.prefix ?? '';
    const now = this.outputs.now?.() ?? new Date();
    const text = this.settings.json
      ? jsonLine({ pid: this.pid, level, module, prefix, text: record.text, callId: record.callId, file: record.file, line: record.line }, this.settings.json, this.ident, now)
      : `${level}: ${prefix}${record.text.replace(/\n$/, '')}\n`;
    const syslog = this.settings.stderr ? undefined : this.outputs.syslog;
    if (!syslog) {
      const colour = this.settings.colours?.get(record.level);
      // Coloured as Kamailio colours a line: the level's colour, the line, then the terminal's default.
      this.outputs.stderr(this.settings.json ? text : colour ? `${colour}${this.pid} ${text}${COLOUR_RESET}` : `${this.pid} ${text}`);
      return;
    }
    const named = record.facility ?? this.settings.moduleFacilities?.get(module);
    const facility = (named !== undefined ? facilityCode(named) : undefined) ?? this.facility;
    syslog.write(syslogDatagram(facility, record.level, this.ident, this.pid, text, now));
  }

  close(): void {
    this.outputs.syslog?.close();
  }
}
