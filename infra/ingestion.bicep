// The ingestion service's container app. The AppHost publishes the ingestion project with this template instead of
// azd's default one for a single reason: this app, and no other, carries the identity that holds ADT's data role.
// Parameter names follow azd's conventions for AppHost-owned compute: azd fills outputs_* and the container image.

param location string = resourceGroup().location
param tags object = {}

param ingestion_containerimage string
param ingestion_containerport string

param outputs_azure_container_apps_environment_id string
param outputs_azure_container_registry_endpoint string
param outputs_azure_container_registry_managed_identity_id string

@description('ADT\'s data-plane URL, from adt.bicep.')
param adt_endpoint string

@description('The ingestion identity, from adt.bicep: its resource id and client id.')
param adt_ingestionidentityid string
param adt_ingestionidentityclientid string

@secure()
@description('The key producers send as X-Intake-Key.')
param intake_key_value string

resource ingestion 'Microsoft.App/containerApps@2024-03-01' = {
  // The name is the host name the simulator reaches inside the environment (ingestion.internal.<domain>).
  name: 'ingestion'
  location: location
  tags: union(tags, { 'aspire-resource-name': 'ingestion' })
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${adt_ingestionidentityid}': {}
      '${outputs_azure_container_registry_managed_identity_id}': {}
    }
  }
  properties: {
    environmentId: outputs_azure_container_apps_environment_id
    configuration: {
      activeRevisionsMode: 'Single'
      // Internal only: producers in the environment post to it; nothing outside reaches the intake.
      ingress: {
        external: false
        targetPort: int(ingestion_containerport)
        transport: 'http'
        allowInsecure: true
      }
      registries: [
        {
          server: outputs_azure_container_registry_endpoint
          identity: outputs_azure_container_registry_managed_identity_id
        }
      ]
      secrets: [
        {
          name: 'intake-key'
          value: intake_key_value
        }
      ]
    }
    template: {
      containers: [
        {
          image: ingestion_containerimage
          name: 'ingestion'
          env: [
            { name: 'HTTP_PORTS', value: ingestion_containerport }
            { name: 'ASPNETCORE_FORWARDEDHEADERS_ENABLED', value: 'true' }
            { name: 'OTEL_DOTNET_EXPERIMENTAL_OTLP_EMIT_EXCEPTION_LOG_ATTRIBUTES', value: 'true' }
            { name: 'OTEL_DOTNET_EXPERIMENTAL_OTLP_EMIT_EVENT_LOG_ATTRIBUTES', value: 'true' }
            { name: 'OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY', value: 'in_memory' }
            // A URL alone: the service authenticates with DefaultAzureCredential, which takes AZURE_CLIENT_ID's identity.
            { name: 'ConnectionStrings__adt', value: adt_endpoint }
            { name: 'AZURE_CLIENT_ID', value: adt_ingestionidentityclientid }
            // The managed identity alone (Azure sets IDENTITY_ENDPOINT and IDENTITY_HEADER), as under the AppHost with MockAdt.
            { name: 'AZURE_TOKEN_CREDENTIALS', value: 'ManagedIdentityCredential' }
            { name: 'Intake__Key', secretRef: 'intake-key' }
          ]
        }
      ]
      // One replica: the twin state table and the rate budgets live in the process (see docs/deployment.md).
      scale: {
        minReplicas: 1
        maxReplicas: 1
      }
    }
  }
}

output name string = ingestion.name
