// Line format (fields separated by tabs; see test/wine/fake-config.ts, which writes it):
//   scenario  firstRequestId seed
//   device    interfaceId readyState manufacturer model firmware deviceId
//   service   serviceId dataRead dataWrite sessionOpen
//   behaviour op hresult status delayKind a b completion removeAfterMs returnsAfterMs
//   burst     afterMs count bytes intervalMs
//   timeline  remove|add atMs interfaceId
//   pending   caps|services interfaceId     (test-only: that call answers E_PENDING)
//   hang      serviceId open|close|write ms  (test-only: the call blocks ms before returning)
//   ready     interfaceId atMs readyState   (test-only: probing ends, IMbnInterfaceEvents fire)
//   switch    threads N | record-array 1 | getter-lock 1 | disconnect atMs forMs  (test-only)
#include "config.h"

#include <windows.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace fake {

static std::wstring Wide(const std::string& utf8) {
  if (utf8.empty()) return {};
  int n = MultiByteToWideChar(CP_UTF8, 0, utf8.data(), static_cast<int>(utf8.size()), nullptr, 0);
  std::wstring w(static_cast<size_t>(n), L'\0');
  MultiByteToWideChar(CP_UTF8, 0, utf8.data(), static_cast<int>(utf8.size()), &w[0], n);
  return w;
}

static std::vector<std::string> Split(const std::string& line) {
  std::vector<std::string> out;
  std::string field;
  std::istringstream in(line);
  while (std::getline(in, field, '\t')) out.push_back(field);
  return out;
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
      ServiceSpec& s = config.devices.back().services.back();
      Behaviour& b = f[1] == "open" ? s.open : f[1] == "close" ? s.close : s.write;
      b.hresult = U32(f[2]);
      b.status = U32(f[3]);
      b.delayKind = ParseDelay(f[4]);
      b.a = Num(f[5]);
      b.b = Num(f[6]);
      b.completion = ParseCompletion(f[7]);
      b.removeDeviceAfterMs = Num(f[8]);
      b.deviceReturnsAfterMs = Num(f[9]);
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
      } else if (f[1] == "disconnect") {
        if (!need(4)) break;
        w.disconnectAtMs = Num(f[2]);
        w.disconnectForMs = Num(f[3]);
      } else {
        config.error = "line " + std::to_string(lineNo) + ": unknown switch " + f[1];
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
