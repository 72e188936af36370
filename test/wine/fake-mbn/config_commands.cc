// The command half of the fake's line format (written by test/wine/fake-config.ts from a
// scenario's `commands` and `notifications`, and by test cases for the test-only lines):
//   commands         sessionOpen                              (after a service line)
//   command          cid listed                               (one of the service's commands)
//   command-behaviour query|set <8 behaviour fields> responseId|-1 responseHex
//   notification     eventId afterMs intervalMs count dataHex (after a service line)
//   device-max       interfaceId maxCommandSize               (test-only: override the scenario's)
//   response-pattern serviceId cid query|set bytes  (test-only: a generated response that size)
//   storm            serviceId threads count atMs [bytes]  (test-only: notifications from many
//                                                          threads, each `bytes` long)
#include <algorithm>
#include <cstdlib>

#include "config.h"

namespace fake {

static uint32_t U32(const std::string& s) {
  return static_cast<uint32_t>(std::strtoull(s.c_str(), nullptr, 10));
}

static bool Hex(const std::string& hex, std::vector<uint8_t>* out) {
  out->clear();
  if (hex.size() % 2 != 0) return false;
  for (size_t i = 0; i < hex.size(); i += 2) {
    char* end = nullptr;
    std::string pair = hex.substr(i, 2);
    unsigned long v = std::strtoul(pair.c_str(), &end, 16);
    if (end != pair.c_str() + 2) return false;
    out->push_back(static_cast<uint8_t>(v));
  }
  return true;
}

static ServiceSpec* FindService(Config* config, const std::wstring& id) {
  for (DeviceSpec& d : config->devices) {
    for (ServiceSpec& s : d.services) {
      if (s.serviceId == id) return &s;
    }
  }
  return nullptr;
}

static ServiceSpec* LastService(Config* config) {
  if (config->devices.empty() || config->devices.back().services.empty()) return nullptr;
  return &config->devices.back().services.back();
}

bool ParseCommandLine(const std::vector<std::string>& f, Config* config, std::string* error) {
  const std::string& kind = f[0];
  auto need = [&](size_t n, bool serviceFirst = false) {
    if (f.size() < n) {
      *error = "too few fields for " + kind;
      return false;
    }
    if (serviceFirst && !LastService(config)) {
      *error = kind + " before any service line";
      return false;
    }
    return true;
  };
  if (kind == "commands") {
    if (!need(2, true)) return true;
    ServiceSpec* s = LastService(config);
    s->commands.sessionOpen = f[1] == "1";
  } else if (kind == "command") {
    if (!need(3, true)) return true;
    ServiceSpec* s = LastService(config);
    CommandSpec c;
    c.cid = U32(f[1]);
    c.listed = f[2] == "1";
    s->commands.list.push_back(c);
  } else if (kind == "command-behaviour") {
    if (!need(12, true)) return true;
    ServiceSpec* s = LastService(config);
    if (s->commands.list.empty()) {
      *error = "command-behaviour before any command line";
      return true;
    }
    CommandSpec& c = s->commands.list.back();
    bool query = f[1] == "query";
    CommandBehaviour& b = query ? c.query : c.set;
    static_cast<Behaviour&>(b) = ParseBehaviour(f, 2);
    b.responseId = std::strtoll(f[10].c_str(), nullptr, 10);
    if (!Hex(f[11], &b.response)) *error = "response is not hex";
    (query ? c.hasQuery : c.hasSet) = true;
  } else if (kind == "notification") {
    if (!need(6, true)) return true;
    ServiceSpec* s = LastService(config);
    NotificationSpec n;
    n.eventId = U32(f[1]);
    n.afterMs = std::strtod(f[2].c_str(), nullptr);
    n.intervalMs = std::strtod(f[3].c_str(), nullptr);
    n.count = U32(f[4]);
    if (!Hex(f[5], &n.data)) *error = "notification data is not hex";
    s->notifications.push_back(std::move(n));
  } else if (kind == "device-max") {
    if (!need(3)) return true;
    for (DeviceSpec& d : config->devices) {
      if (d.interfaceId == Wide(f[1])) d.maxCommandSize = U32(f[2]);
    }
  } else if (kind == "response-pattern") {
    if (!need(5)) return true;
    ServiceSpec* s = FindService(config, Wide(f[1]));
    if (!s) *error = "no such service";
    uint32_t cid = U32(f[2]);
    for (CommandSpec* c = s ? s->commands.list.data() : nullptr;
         s && c != s->commands.list.data() + s->commands.list.size(); ++c) {
      if (c->cid != cid) continue;
      CommandBehaviour& b = f[3] == "query" ? c->query : c->set;
      b.response.resize(U32(f[4]));
      // Not a repeat of any short period, so a misplaced or dropped chunk shows.
      for (size_t k = 0; k < b.response.size(); ++k) {
        b.response[k] = static_cast<uint8_t>((k * 31 + k / 251) & 0xFF);
      }
    }
  } else if (kind == "storm") {
    if (!need(5)) return true;
    config->switches.storms.push_back(NotifyStorm{
        Wide(f[1]), static_cast<int>(std::strtol(f[2].c_str(), nullptr, 10)), U32(f[3]),
        std::strtod(f[4].c_str(), nullptr), f.size() > 5 ? std::max(8u, U32(f[5])) : 8u});
  } else {
    return false;
  }
  return true;
}

}  // namespace fake
