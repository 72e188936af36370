// Line format (fields separated by tabs; see test/wine/fake-config.ts, which writes it):
//   scenario  firstRequestId seed
//   device    interfaceId readyState manufacturer model firmware deviceId [maxCommandSize]
//   service   serviceId dataRead dataWrite sessionOpen
//   behaviour op hresult status delayKind a b completion removeAfterMs returnsAfterMs
//   (op: open close write supported-commands open-command-session close-command-session
//    unsupported; the command lines are in config_commands.cc)
//   burst     afterMs count bytes intervalMs
//   timeline  remove|add atMs interfaceId
//   pending   caps|services interfaceId     (test-only: that call answers E_PENDING)
//   hang      serviceId open|close|write ms  (test-only: the call blocks ms before returning)
//   ready     interfaceId atMs readyState   (test-only: probing ends, IMbnInterfaceEvents fire)
//   switch    threads N | record-array 1 | getter-lock 1 | disconnect atMs forMs |
//             disconnect-at-write forMs |
//             command-ids i4 | gone-hresult 0xHEX | create-hresult 0xHEX |
//             interfaces-array i8 | services-null 1 | fresh-service 1 |
//             object-sessions 1                                          (test-only)
//   (gone-hresult: what a dead object answers; create-hresult: what CoCreateInstance answers
//    while the service is away; fresh-service: GetDeviceService makes a new object per call,
//    callbacks name another one, so the addon's ID cache never knows the callbacks' object;
//    object-sessions: a session is open only on the object that opened it)
#include "config.h"

#include <windows.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>

namespace fake {

std::wstring Wide(const std::string& utf8) {
  if (utf8.empty()) return {};
  int n = MultiByteToWideChar(CP_UTF8, 0, utf8.data(), static_cast<int>(utf8.size()), nullptr, 0);
  std::wstring w(static_cast<size_t>(n), L'\0');
  MultiByteToWideChar(CP_UTF8, 0, utf8.data(), static_cast<int>(utf8.size()), &w[0], n);
  return w;
}

// Every field, a trailing empty one included (an empty payload is written as nothing).
static std::vector<std::string> Split(const std::string& line) {
  std::vector<std::string> out;
  size_t start = 0;
  for (;;) {
    size_t tab = line.find('\t', start);
    out.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) return out;
    start = tab + 1;
  }
}

static double Num(const std::string& s) { return std::strtod(s.c_str(), nullptr); }
static uint32_t U32(const std::string& s) {
  return static_cast<uint32_t>(std::strtoull(s.c_str(), nullptr, 10));
}

static Completion ParseCompletion(const std::string& s) {
  if (s == "lost") return Completion::kLost;
  if (s == "before-return") return Completion::kBeforeReturn;
  if (s == "duplicate") return Completion::kDuplicate;
  return Completion::kNormal;
}

static DelayKind ParseDelay(const std::string& s) {
  if (s == "uniform") return DelayKind::kUniform;
  if (s == "lognormal") return DelayKind::kLognormal;
  return DelayKind::kFixed;
}

// Eight fields from f[first]: hresult status delayKind a b completion removeAfterMs returnsAfterMs.
Behaviour ParseBehaviour(const std::vector<std::string>& f, size_t first) {
  Behaviour b;
  b.hresult = U32(f[first]);
  b.status = U32(f[first + 1]);
  b.delayKind = ParseDelay(f[first + 2]);
  b.a = Num(f[first + 3]);
  b.b = Num(f[first + 4]);
  b.completion = ParseCompletion(f[first + 5]);
  b.removeDeviceAfterMs = Num(f[first + 6]);
  b.deviceReturnsAfterMs = Num(f[first + 7]);
  return b;
}

static Behaviour* BehaviourFor(ServiceSpec& s, const std::string& op) {
  if (op == "open") return &s.open;
  if (op == "close") return &s.close;
  if (op == "write") return &s.write;
  if (op == "supported-commands") return &s.commands.supported;
  if (op == "open-command-session") return &s.commands.openSession;
  if (op == "close-command-session") return &s.commands.closeSession;
  if (op == "unsupported") return &s.commands.unsupported;
  return nullptr;
}

Config LoadConfig(const char* path) {
  Config config;
  if (!path || !*path) {
    config.error = "MBN_FAKE_CONFIG is not set";
    return config;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    config.error = std::string("cannot read ") + path;
    return config;
  }
  std::string line;
  int lineNo = 0;
  while (std::getline(in, line)) {
    ++lineNo;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f = Split(line);
    const std::string& kind = f[0];
    auto need = [&](size_t n) {
      if (f.size() >= n) return true;
      config.error = "line " + std::to_string(lineNo) + ": too few fields for " + kind;
      return false;
    };
    if (kind == "scenario") {
      if (!need(3)) break;
      config.firstRequestId = U32(f[1]);
      config.seed = U32(f[2]);
    } else if (kind == "device") {
      if (!need(7)) break;
      DeviceSpec d;
      d.interfaceId = Wide(f[1]);
      d.readyState = static_cast<int32_t>(std::strtol(f[2].c_str(), nullptr, 10));
      d.manufacturer = Wide(f[3]);
      d.model = Wide(f[4]);
      d.firmware = Wide(f[5]);
      d.deviceId = Wide(f[6]);
      if (f.size() > 7) d.maxCommandSize = U32(f[7]);
      config.devices.push_back(std::move(d));
    } else if (kind == "service") {
      if (!need(5) || config.devices.empty()) break;
      ServiceSpec s;
      s.serviceId = Wide(f[1]);
      s.dataRead = f[2] == "1";
      s.dataWrite = f[3] == "1";
      s.sessionOpen = f[4] == "1";
      config.devices.back().services.push_back(std::move(s));
    } else if (kind == "behaviour") {
      if (!need(10) || config.devices.empty() || config.devices.back().services.empty()) break;
      Behaviour* b = BehaviourFor(config.devices.back().services.back(), f[1]);
      if (!b) {
        config.error = "line " + std::to_string(lineNo) + ": unknown behaviour " + f[1];
        break;
      }
      *b = ParseBehaviour(f, 2);
    } else if (kind == "burst") {
      if (!need(5) || config.devices.empty() || config.devices.back().services.empty()) break;
      config.devices.back().services.back().bursts.push_back(
          Burst{Num(f[1]), U32(f[2]), U32(f[3]), Num(f[4])});
    } else if (kind == "timeline") {
      if (!need(4)) break;
      config.timeline.push_back(TimelineAction{f[1] == "remove", Num(f[2]), Wide(f[3])});
    } else if (kind == "pending") {
      if (!need(3)) break;
      for (DeviceSpec& d : config.devices) {
        if (d.interfaceId != Wide(f[2])) continue;
        if (f[1] == "caps") d.capsPending = true;
        if (f[1] == "services") d.servicesPending = true;
      }
    } else if (kind == "hang") {
      if (!need(4)) break;
      int op = f[2] == "open" ? 0 : f[2] == "close" ? 1 : 2;
      for (DeviceSpec& d : config.devices) {
        for (ServiceSpec& s : d.services) {
          if (s.serviceId == Wide(f[1])) s.hangMs[op] = Num(f[3]);
        }
      }
    } else if (kind == "ready") {
      if (!need(4)) break;
      config.readyChanges.push_back(
          ReadyChange{Wide(f[1]), Num(f[2]), static_cast<int32_t>(std::strtol(f[3].c_str(), nullptr, 10))});
    } else if (kind == "switch") {
      if (!need(3)) break;
      Switches& w = config.switches;
      if (f[1] == "threads") {
        w.callbackThreads = static_cast<int>(std::strtol(f[2].c_str(), nullptr, 10));
        if (w.callbackThreads < 1) w.callbackThreads = 1;
      } else if (f[1] == "record-array") {
        w.recordArray = f[2] == "1";
      } else if (f[1] == "getter-lock") {
        w.getterLock = f[2] == "1";
      } else if (f[1] == "command-ids") {
        w.commandIdsI4 = f[2] == "i4";
      } else if (f[1] == "gone-hresult") {
        w.goneHresult = static_cast<uint32_t>(std::strtoul(f[2].c_str(), nullptr, 16));
      } else if (f[1] == "create-hresult") {
        w.createHresult = static_cast<uint32_t>(std::strtoul(f[2].c_str(), nullptr, 16));
      } else if (f[1] == "fresh-service") {
        w.freshService = f[2] == "1";
      } else if (f[1] == "object-sessions") {
        w.objectSessions = f[2] == "1";
      } else if (f[1] == "interfaces-array") {
        w.interfacesI8 = f[2] == "i8";
      } else if (f[1] == "services-null") {
        w.servicesNull = f[2] == "1";
      } else if (f[1] == "disconnect") {
        if (!need(4)) break;
        w.disconnectAtMs = Num(f[2]);
        w.disconnectForMs = Num(f[3]);
      } else if (f[1] == "disconnect-at-write") {
        if (!need(3)) break;
        w.disconnectAtWriteForMs = Num(f[2]);
      } else if (f[1] == "interface-id-fails-at-write") {
        w.interfaceIdFailsAtWriteForMs = Num(f[2]);
      } else {
        config.error = "line " + std::to_string(lineNo) + ": unknown switch " + f[1];
        break;
      }
    } else if (ParseCommandLine(f, &config, &config.error)) {
      if (!config.error.empty()) {
        config.error = "line " + std::to_string(lineNo) + ": " + config.error;
        break;
      }
    } else {
      config.error = "line " + std::to_string(lineNo) + ": unknown record " + kind;
      break;
    }
  }
  return config;
}

}  // namespace fake
