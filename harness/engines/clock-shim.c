/*
 * A minimal clock-offset preload for Firefox (harness/engines/clock.ts), where libfaketime
 * deadlocks at start: mozjemalloc's initialisation reads the clock, libfaketime's first call then
 * initialises itself with dlsym and fopen, which allocate, which re-enters the half-initialised
 * allocator. This shim never allocates: the offset file is read with raw syscalls, the real clock
 * is the kernel's (raw syscall, so no vDSO symbol lookup), and nothing is initialised lazily.
 *
 * CORS_CLOCK_FILE names a file holding "+<seconds>" (libfaketime's relative syntax); it is
 * re-read at most once a second. Realtime, monotonic and boot-time clocks all move by the offset.
 * Built by clock.ts with the system C compiler: cc -shared -fPIC -O2 -o clock-shim.so clock-shim.c
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static volatile long offset_s;
static volatile long next_read_s;
/* Firefox's child processes (argument -contentproc) run under a seccomp sandbox that traps open():
 * they keep the real clock. The preflight cache lives in the parent process, which moves. */
static int sandboxed_child;

__attribute__((constructor)) static void detect_child(void) {
  char buf[4096];
  int fd = (int)syscall(SYS_openat, AT_FDCWD, "/proc/self/cmdline", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;
  long n = syscall(SYS_read, fd, buf, sizeof buf);
  syscall(SYS_close, fd);
  for (long i = 0; i + 12 <= n; i++)
    if (buf[i] == '-' && memcmp(buf + i, "-contentproc", 12) == 0) sandboxed_child = 1;
}

static int real_clock(clockid_t id, struct timespec *ts) { return (int)syscall(SYS_clock_gettime, id, ts); }

static long current_offset(void) {
  struct timespec now;
  real_clock(CLOCK_MONOTONIC, &now);
  if (sandboxed_child || now.tv_sec < next_read_s) return offset_s;
  next_read_s = now.tv_sec + 1;
  const char *file = getenv("CORS_CLOCK_FILE");
  if (!file) return offset_s;
  int fd = (int)syscall(SYS_openat, AT_FDCWD, file, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return offset_s; /* e.g. a sandboxed process that may not open it: keep the last offset */
  char buf[32];
  long n = syscall(SYS_read, fd, buf, sizeof buf - 1);
  syscall(SYS_close, fd);
  if (n <= 0) return offset_s;
  buf[n] = 0;
  long value = 0;
  int sign = 1;
  const char *p = buf;
  if (*p == '+' || *p == '-') sign = (*p++ == '-') ? -1 : 1;
  while (*p >= '0' && *p <= '9') value = value * 10 + (*p++ - '0');
  offset_s = sign * value;
  return offset_s;
}

static int moves(clockid_t id) {
  return id == CLOCK_REALTIME || id == CLOCK_REALTIME_COARSE || id == CLOCK_MONOTONIC || id == CLOCK_MONOTONIC_COARSE ||
         id == CLOCK_MONOTONIC_RAW || id == CLOCK_BOOTTIME;
}

int clock_gettime(clockid_t id, struct timespec *ts) {
  int r = real_clock(id, ts);
  if (r == 0 && moves(id)) ts->tv_sec += current_offset();
  return r;
}

int __clock_gettime(clockid_t id, struct timespec *ts) { return clock_gettime(id, ts); }

int gettimeofday(struct timeval *tv, void *tz) {
  struct timespec ts;
  (void)tz;
  if (clock_gettime(CLOCK_REALTIME, &ts) != 0) return -1;
  tv->tv_sec = ts.tv_sec;
  tv->tv_usec = ts.tv_nsec / 1000;
  return 0;
}

time_t time(time_t *out) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  if (out) *out = ts.tv_sec;
  return ts.tv_sec;
}
