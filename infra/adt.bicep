// Azure Digital Twins for PlateletTwins, with the ingestion service's own identity as its only writer.
// azd deploys this module from the AppHost's manifest (resource "adt"); it can also be deployed alone with
// `az deployment group create --template-file infra/adt.bicep`.

@description('Region of the instance. azd passes the environment\'s location.')
param location string = resourceGroup().location

@description('"true" also provisions data history: Event Hubs and an Azure Data Explorer cluster (Dev SKU) fed by ADT.')
param dataHistory string = 'false'

@description('Optional: the object id of a user or group that runs `provision` and reads twins, given Azure Digital Twins Data Owner. Empty: nobody but the ingestion service.')
param operatorPrincipalId string = ''

@description('Type of operatorPrincipalId.')
@allowed(['User', 'Group', 'ServicePrincipal'])
param operatorPrincipalType string = 'User'

@description('Azure Data Explorer SKU for data history. The Dev SKU has no SLA; e.g. Standard_E2ads_v5 (tier Standard) in production.')
param adxSkuName string = 'Dev(No SLA)_Standard_E2a_v4'

@allowed(['Basic', 'Standard'])
param adxSkuTier string = 'Basic'

param tags object = {}

var token = toLower(uniqueString(resourceGroup().id, 'adt'))
// Built-in role "Azure Digital Twins Data Owner": read and write the data plane, nothing of the control plane.
var dataOwnerRoleId = 'bcd981a7-7f74-457b-83e1-cceb9e632ffe'
// Built-in roles ADT's identity needs for data history, as Microsoft's data history guide lists them.
var eventHubsDataOwnerRoleId = 'f526a384-b230-433a-b45c-95f59c4a2dec'
var contributorRoleId = 'b24988ac-6180-42a0-ab88-20f7382dd24c'
var enableDataHistory = toLower(dataHistory) == 'true'

resource adt 'Microsoft.DigitalTwins/digitalTwinsInstances@2023-01-31' = {
  name: 'adt-${token}'
  location: location
  tags: tags
  // The system identity is what data history uses to send to Event Hubs; it has no other rights.
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    publicNetworkAccess: 'Enabled'
  }
}

// The ingestion service's identity. The container app of the ingestion service alone carries it, so only that
// service can write twins; the simulator and the other apps of the environment have no rights on ADT.
resource ingestionIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-ingestion-${token}'
  location: location
  tags: tags
}

resource ingestionDataOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(adt.id, ingestionIdentity.id, dataOwnerRoleId)
  scope: adt
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', dataOwnerRoleId)
    principalId: ingestionIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource operatorDataOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(operatorPrincipalId)) {
  name: guid(adt.id, operatorPrincipalId, dataOwnerRoleId)
  scope: adt
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', dataOwnerRoleId)
    principalId: operatorPrincipalId
    principalType: operatorPrincipalType
  }
}

// Data history: ADT (its system identity) → Event Hubs → Azure Data Explorer, with the three tables of
// https://learn.microsoft.com/azure/digital-twins/concepts-data-history. One file, no modules: azd deploys the file alone.

resource namespace 'Microsoft.EventHub/namespaces@2024-01-01' = if (enableDataHistory) {
  name: 'evhns-${token}'
  location: location
  tags: tags
  sku: {
    name: 'Standard'
    tier: 'Standard'
    capacity: 1
  }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
  }
}

resource hub 'Microsoft.EventHub/namespaces/eventhubs@2024-01-01' = if (enableDataHistory) {
  parent: namespace
  name: 'adt-data-history'
  properties: {
    partitionCount: 2
    messageRetentionInDays: 1
  }
}

resource consumerGroup 'Microsoft.EventHub/namespaces/eventhubs/consumergroups@2024-01-01' = if (enableDataHistory) {
  parent: hub
  name: 'adx'
}

resource cluster 'Microsoft.Kusto/clusters@2023-08-15' = if (enableDataHistory) {
  name: 'adx${token}'
  location: location
  tags: tags
  sku: {
    name: adxSkuName
    tier: adxSkuTier
    capacity: 1
  }
  properties: {
    // Streaming ingestion brings history within seconds instead of the 5–10 minutes of batch ingestion.
    enableStreamingIngest: true
  }
}

resource database 'Microsoft.Kusto/clusters/databases@2023-08-15' = if (enableDataHistory) {
  parent: cluster
  name: 'platelettwins'
  location: location
  kind: 'ReadWrite'
  properties: {
    softDeletePeriod: 'P365D'
    hotCachePeriod: 'P31D'
  }
}

resource adtSendsToHub 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (enableDataHistory) {
  name: guid(hub.id, adt.id, eventHubsDataOwnerRoleId)
  scope: hub
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', eventHubsDataOwnerRoleId)
    principalId: adt.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource adtContributesToDatabase 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (enableDataHistory) {
  name: guid(database.id, adt.id, contributorRoleId)
  scope: database
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', contributorRoleId)
    principalId: adt.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource adtAdministersDatabase 'Microsoft.Kusto/clusters/databases/principalAssignments@2023-08-15' = if (enableDataHistory) {
  parent: database
  name: guid(database.id, adt.id, 'Admin')
  properties: {
    principalId: adt.identity.principalId
    principalType: 'App'
    role: 'Admin'
    tenantId: subscription().tenantId
  }
}

resource connection 'Microsoft.DigitalTwins/digitalTwinsInstances/timeSeriesDatabaseConnections@2023-01-31' = if (enableDataHistory) {
  parent: adt
  name: 'adx'
  properties: {
    connectionType: 'AzureDataExplorer'
    adxEndpointUri: cluster!.properties.uri
    adxDatabaseName: database.name
    adxResourceId: cluster.id
    eventHubEndpointUri: 'sb://${namespace.name}.servicebus.windows.net'
    eventHubEntityPath: hub.name
    eventHubNamespaceResourceId: namespace.id
    eventHubConsumerGroup: consumerGroup.name
    identity: {
      type: 'SystemAssigned'
    }
  }
  dependsOn: [
    adtSendsToHub
    adtContributesToDatabase
    adtAdministersDatabase
  ]
}

@description('The instance\'s data-plane URL: the ingestion service\'s "adt" connection string.')
output endpoint string = 'https://${adt.properties.hostName}'

output name string = adt.name

@description('Resource id of the identity the ingestion service\'s container app carries.')
output ingestionIdentityId string = ingestionIdentity.id

@description('Client id of that identity: AZURE_CLIENT_ID of the ingestion service, so DefaultAzureCredential picks it.')
output ingestionIdentityClientId string = ingestionIdentity.properties.clientId

@description('The Azure Data Explorer cluster of data history; empty without it.')
output adxEndpoint string = enableDataHistory ? cluster!.properties.uri : ''
