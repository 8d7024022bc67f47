#include "lab/launch.h"

#include "lab/kernel.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ;

namespace tl::lab {

const char* to_string(Launch launch) {
  switch (launch) {
    case Launch::Thread: return "threads";
    case Launch::Fork: return "fork";
    case Launch::Spawn: return "spawn";
  }
  return "?";
}

std::string SpawnTarget::resolved() const {
  if (!program.empty()) return program;
  char buf[4096];
  const ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  return n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : std::string();
}

int child_main(std::span<const std::string> args, std::string& error) {
  if (args.size() == 1 && args[0] == "empty") return 0;
  if (args.size() == 2 && args[0] == "kernel") {
    char* end = nullptr;
    errno = 0;
    const unsigned long long n = std::strtoull(args[1].c_str(), &end, 10);
    if (errno == 0 && end && *end == '\0' && !args[1].empty() && args[1][0] != '-') {
      time_kernel(n);
      return 0;
    }
  }
  error = "--child takes 'empty' or 'kernel ITERATIONS'";
  return 2;
}

int spawn_program(const std::string& program, const std::vector<std::string>& args, std::string& error) {
  std::vector<char*> argv;
  argv.reserve(args.size() + 1);
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, program.c_str(), nullptr, nullptr, argv.data(), environ);
  if (rc != 0) {
    error = "posix_spawn " + program + ": " + std::strerror(rc);
    return -1;
  }
  return pid;
}

bool wait_ok(int pid) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return false;
  }
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

Nanos run_workers(Launch launch, unsigned workers, const std::function<void(unsigned)>& work,
                  const std::vector<std::string>& child_args, const SpawnTarget& target, std::string& error) {
  const std::string program = launch == Launch::Spawn ? target.resolved() : std::string();
  std::vector<std::string> argv;
  if (launch == Launch::Spawn) {
    argv = {program, "measure", "--child"};
    argv.insert(argv.end(), child_args.begin(), child_args.end());
  }
  const Nanos start = now_ns();
  bool ok = true;
  if (launch == Launch::Thread) {
    std::vector<std::thread> threads;
    threads.reserve(workers);
    for (unsigned i = 0; i < workers; ++i) threads.emplace_back(work, i);
    for (std::thread& t : threads) t.join();
  } else {
    std::vector<int> pids;
    for (unsigned i = 0; i < workers && ok; ++i) {
      int pid = -1;
      if (launch == Launch::Fork) {
        pid = fork();
        if (pid == 0) {
          work(i);
          _exit(0);  // no atexit handlers or stream flushes of the parent's state
        }
        if (pid < 0) error = std::string("fork: ") + std::strerror(errno);
      } else {
        pid = spawn_program(program, argv, error);
      }
      if (pid < 0) ok = false;
      else pids.push_back(pid);
    }
    for (int pid : pids) {
      if (!wait_ok(pid)) {
        if (ok) error = std::string(to_string(launch)) + " worker failed (" + program + ")";
        ok = false;
      }
    }
  }
  const Nanos elapsed = now_ns() - start;
  return ok ? elapsed : -1;
}

}  // namespace tl::lab
