// HRESULTs and request IDs go to JS as unsigned 32-bit numbers (the model's convention), strings
// as UTF-16 straight from the BSTRs, and read data as a copied, ordinary Buffer: never an
// external buffer, which Electron's V8 memory cage forbids.
#include "js_convert.h"

namespace mbn {

Napi::String U16(Napi::Env env, const std::u16string& s) {
  return Napi::String::New(env, s.data(), s.size());
}

static Napi::Number N(Napi::Env env, uint32_t v) {
  return Napi::Number::New(env, static_cast<double>(v));
}

// Bytes cross as an ordinary copied Buffer (see the top of this file).
static Napi::Value Bytes(Napi::Env env, const std::vector<uint8_t>& data) {
  return Napi::Buffer<uint8_t>::Copy(env, data.data(), data.size());
}

static const char* OpName(Op op) {
  switch (op) {
    case Op::kOpen:
      return "open";
    case Op::kClose:
      return "close";
    case Op::kWrite:
      return "write";
    case Op::kSupportedCommands:
      return "supported-commands";
    case Op::kOpenCommandSession:
      return "open-command-session";
    case Op::kCloseCommandSession:
      return "close-command-session";
    case Op::kQuery:
      return "query";
    case Op::kSet:
      return "set";
  }
  return "unknown";
}

namespace {

Napi::Object InterfacesToJs(Napi::Env env, const InterfacesResult& r) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("hresult", N(env, r.hresult));
  Napi::Array list = Napi::Array::New(env, r.interfaces.size());
  for (size_t i = 0; i < r.interfaces.size(); ++i) {
    const InterfaceInfo& x = r.interfaces[i];
    Napi::Object item = Napi::Object::New(env);
    item.Set("interfaceId", U16(env, x.interfaceId));
    item.Set("capsHresult", N(env, x.capsHresult));
    item.Set("manufacturer", U16(env, x.manufacturer));
    item.Set("model", U16(env, x.model));
    item.Set("firmware", U16(env, x.firmware));
    item.Set("deviceId", U16(env, x.deviceId));
    item.Set("cellularClass", N(env, x.cellularClass));
    item.Set("dataClass", N(env, x.dataClass));
    item.Set("readyStateHresult", N(env, x.readyStateHresult));
    item.Set("readyState", N(env, x.readyState));
    list.Set(static_cast<uint32_t>(i), item);
  }
  o.Set("interfaces", list);
  o.Set("unreadable", N(env, r.unreadable));
  return o;
}

struct ResultVisitor {
  Napi::Env env;

  Napi::Value operator()(const StartResult& r) const {
    Napi::Object o = Napi::Object::New(env);
    o.Set("hresult", N(env, r.hresult));
    o.Set("step", Napi::String::New(env, r.step));
    return o;
  }
  Napi::Value operator()(const InterfacesResult& r) const { return InterfacesToJs(env, r); }
  Napi::Value operator()(const ServicesResult& r) const {
    Napi::Object o = Napi::Object::New(env);
    o.Set("stage", Napi::String::New(env, r.stage));
    o.Set("hresult", N(env, r.hresult));
    Napi::Array list = Napi::Array::New(env, r.services.size());
    for (size_t i = 0; i < r.services.size(); ++i) {
      const ServiceInfo& s = r.services[i];
      Napi::Object item = Napi::Object::New(env);
      item.Set("serviceId", U16(env, s.serviceId));
      item.Set("dataReadSupported", Napi::Boolean::New(env, s.dataReadSupported));
      item.Set("dataWriteSupported", Napi::Boolean::New(env, s.dataWriteSupported));
      item.Set("sessionHresult", N(env, s.sessionHresult));
      item.Set("dataSessionOpen", Napi::Boolean::New(env, s.dataSessionOpen));
      item.Set("commandSessionHresult", N(env, s.commandSessionHresult));
      item.Set("commandSessionOpen", Napi::Boolean::New(env, s.commandSessionOpen));
      item.Set("maxCommandSizeHresult", N(env, s.maxCommandSizeHresult));
      item.Set("maxCommandSize", N(env, s.maxCommandSize));
      list.Set(static_cast<uint32_t>(i), item);
    }
    o.Set("services", list);
    return o;
  }
  Napi::Value operator()(const CallResult& r) const {
    Napi::Object o = Napi::Object::New(env);
    o.Set("stage", Napi::String::New(env, r.stage));
    o.Set("hresult", N(env, r.hresult));
    o.Set("requestId", N(env, r.requestId));
    o.Set("open", Napi::Boolean::New(env, r.open));
    return o;
  }
  Napi::Value operator()(const ClosedResult&) const { return env.Undefined(); }
};

struct EventVisitor {
  Napi::Env env;

  Napi::Value operator()(const CompletionEvent& e) const {
    Napi::Object o = Napi::Object::New(env);
    o.Set("type", "completion");
    o.Set("op", OpName(e.op));
    o.Set("interfaceId", U16(env, e.interfaceId));
    o.Set("serviceId", U16(env, e.serviceId));
    o.Set("status", N(env, e.status));
    o.Set("requestId", N(env, e.requestId));
    switch (e.carries) {
      case Carries::kNothing:
        break;
      case Carries::kCommandIds: {
        Napi::Array ids = Napi::Array::New(env, e.commandIds.size());
        for (size_t i = 0; i < e.commandIds.size(); ++i) {
          ids.Set(static_cast<uint32_t>(i), N(env, e.commandIds[i]));
        }
        o.Set("commandIds", ids);
        break;
      }
      case Carries::kListUnread:
        o.Set("commandListVartype", N(env, e.listVartype));
        break;
      case Carries::kResponse: {
        Napi::Object response = Napi::Object::New(env);
        response.Set("responseId", N(env, e.responseId));
        response.Set("data", Bytes(env, e.data));
        o.Set("response", response);
        break;
      }
    }
    return o;
  }
  Napi::Value operator()(const ReadDataEvent& e) const {
    Napi::Object o = Napi::Object::New(env);
    o.Set("type", "read-data");
    o.Set("interfaceId", U16(env, e.interfaceId));
    o.Set("serviceId", U16(env, e.serviceId));
    o.Set("data", Bytes(env, e.data));
    return o;
  }
  // A gap's report: its type, totals and services, each counted under `unit` ("reads").
  // `lost`, `lostBytes`: those of the same place lost with their service instead.
  Napi::Value Dropped(const char* type, const char* unit, uint64_t count, uint64_t bytes,
                      uint64_t limitBytes, const std::vector<DroppedEvents>& by, uint64_t lost,
                      uint64_t lostBytes) const {
    Napi::Object o = Napi::Object::New(env);
    o.Set("type", type);
    o.Set(unit, Napi::Number::New(env, static_cast<double>(count)));
    o.Set("bytes", Napi::Number::New(env, static_cast<double>(bytes)));
    o.Set("limitBytes", Napi::Number::New(env, static_cast<double>(limitBytes)));
    o.Set("lostWithService", Napi::Number::New(env, static_cast<double>(lost)));
    o.Set("lostWithServiceBytes", Napi::Number::New(env, static_cast<double>(lostBytes)));
    Napi::Array services = Napi::Array::New(env, by.size());
    for (size_t i = 0; i < by.size(); ++i) {
      const DroppedEvents& d = by[i];
      Napi::Object s = Napi::Object::New(env);
      s.Set("interfaceId", d.source.named ? U16(env, d.source.interfaceId) : env.Null());
      s.Set("serviceId", d.source.named ? U16(env, d.source.serviceId) : env.Null());
      s.Set(unit, Napi::Number::New(env, static_cast<double>(d.count)));
      s.Set("bytes", Napi::Number::New(env, static_cast<double>(d.bytes)));
      services.Set(static_cast<uint32_t>(i), s);
    }
    o.Set("services", services);
    return o;
  }
  Napi::Value operator()(const ReadsDroppedEvent& e) const {
    return Dropped("read-data-dropped", "reads", e.reads, e.bytes, e.limitBytes, e.services,
                   e.lost, e.lostBytes);
  }
  Napi::Value operator()(const NotificationsDroppedEvent& e) const {
    return Dropped("event-notifications-dropped", "notifications", e.notifications, e.bytes,
                   e.limitBytes, e.services, e.lost, e.lostBytes);
  }
  Napi::Value operator()(const NotificationEvent& e) const {
    Napi::Object o = Napi::Object::New(env);
    o.Set("type", "event-notification");
    o.Set("interfaceId", U16(env, e.interfaceId));
    o.Set("serviceId", U16(env, e.serviceId));
    o.Set("eventId", N(env, e.eventId));
    o.Set("data", Bytes(env, e.data));
    return o;
  }
  Napi::Value operator()(const InterfaceEvent& e) const {
    Napi::Object o = Napi::Object::New(env);
    o.Set("type", e.arrival ? "interface-arrival" : "interface-removal");
    o.Set("interfaceId", U16(env, e.interfaceId));
    o.Set("source", e.source);
    return o;
  }
  Napi::Value operator()(const InterfacesChangedEvent& e) const {
    Napi::Object o = Napi::Object::New(env);
    o.Set("type", "interfaces-changed");
    o.Set("reason", e.reason);
    o.Set("hresult", N(env, e.interfaces.hresult));
    o.Set("interfaces", InterfacesToJs(env, e.interfaces).Get("interfaces"));
    return o;
  }
  Napi::Value operator()(const ServiceLostEvent& e) const {
    Napi::Object o = Napi::Object::New(env);
    o.Set("type", "service-lost");
    o.Set("hresult", N(env, e.hresult));
    o.Set("step", Napi::String::New(env, e.step));
    return o;
  }
};

}  // namespace

Napi::Value ResultToJs(Napi::Env env, const Result& result) {
  return std::visit(ResultVisitor{env}, result);
}

Napi::Value EventToJs(Napi::Env env, const Event& event) {
  return std::visit(EventVisitor{env}, event);
}

}  // namespace mbn
