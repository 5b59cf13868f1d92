// Deny by default, checked from the OpenAPI document for every operation and every shipped role
// on both backends: a role without the operation's permission is refused (403 naming the
// permission) before anything is read or written, and a role with it is never refused for the
// route and never meets a server error, whatever it sends. Object-level rules (a unit's crew, a
// tour's owner, a decision not one's own) have their own tests beside their modules:
// CadApi.AnOfficerActsOnlyForTheUnitTheyCrew, DutyApi.NoOneApprovesTheirOwnAbsence.
#include <boost/json.hpp>
#include <set>

#include "api_fixture.h"

namespace peel::testing {
namespace {

class AuthorisationMatrix : public ApiTest {};

TEST_P(AuthorisationMatrix, EveryRoleIsRefusedEveryOperationItsRoleDoesNotAllow) {
  const auto roles = call("GET", "/api/v1/roles", "", user_token("lister", "analyst"));
  ASSERT_EQ(roles.status, 200);
  struct Principal {
    std::string role, token;
    std::set<std::string> permissions;
  };
  std::vector<Principal> principals;
  const auto listed = roles.json();
  for (const auto& r : listed.at("items").as_array()) {
    Principal p{std::string(r.at("name").as_string()), {}, {}};
    p.token = user_token("m_" + p.role, p.role);
    for (const auto& permission : r.at("permissions").as_array())
      p.permissions.emplace(permission.as_string());
    principals.push_back(std::move(p));
  }
  const auto doc = call("GET", "/api/v1/openapi.json").json();
  size_t refused = 0, allowed = 0;
  for (const auto& [path, methods] : doc.at("paths").as_object()) {
    for (const auto& [verb, operation] : methods.as_object()) {
      std::string method(verb);
      for (char& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      const std::string permission(operation.at("x-permission").as_string());
      std::string target(path);
      // Every {param} names an object that does not exist: nothing is found or changed.
      for (size_t open = target.find('{'); open != std::string::npos; open = target.find('{'))
        target.replace(open, target.find('}', open) - open + 1, "no-such-object");
      // Signing out would end the token the rest of the matrix uses.
      if (method == "DELETE" && target == "/api/v1/session") continue;
      if (target == "/api/v1/stream") continue;  // a WebSocket: Stream.TopicsNeedTheirPermission
      for (const auto& p : principals) {
        const bool may = permission == http::kPublic || permission == http::kSignedIn ||
                         p.permissions.contains(permission);
        const auto reply = call(method, target, method == "GET" ? "" : "{}", p.token,
                                {{"Peel-Purpose", "authorisation matrix"}});
        const std::string name = p.role + " " + method + " " + target;
        EXPECT_LT(reply.status, 500) << name << ": " << reply.body;
        const bool route_refusal =
            reply.status == 403 && reply.body.find("does not allow") != std::string::npos;
        if (may) {
          ++allowed;
          EXPECT_FALSE(route_refusal) << name << " is refused though the role allows it";
        } else {
          ++refused;
          EXPECT_TRUE(route_refusal)
              << name << " answered " << reply.status << ": " << reply.body.substr(0, 200);
          EXPECT_NE(reply.body.find(permission), std::string::npos) << name;
        }
      }
    }
  }
  EXPECT_GT(refused, 1000U);
  EXPECT_GT(allowed, 300U);
}

INSTANTIATE_TEST_SUITE_P(Backends, AuthorisationMatrix, ::testing::ValuesIn(store_backends()),
                         [](const auto& backend) { return backend.param; });

}  // namespace
}  // namespace peel::testing
