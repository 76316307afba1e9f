namespace PlateletTwins.Dtdl.Metamodel.Tables;

/// <summary>
/// Semantic types, their unit types and the units of each: DTDL v2 section "Semantic types" (part of the language),
/// and the QuantitativeTypes extension v1 for DTDL v3, section "Semantic types and units". A line: semantic type,
/// unit type, then its units; <c>v3</c> marks the types only v3 has.
/// </summary>
internal static class SemanticTypes
{
    private const string Table = """
        Acceleration AccelerationUnit centimetrePerSecondSquared gForce metrePerSecondSquared
        Angle AngleUnit degreeOfArc minuteOfArc radian secondOfArc turn
        AngularAcceleration AngularAccelerationUnit radianPerSecondSquared
        AngularVelocity AngularVelocityUnit degreePerSecond radianPerSecond revolutionPerMinute revolutionPerSecond
        v3 ApparentEnergy ApparentEnergyUnit gigavoltAmpereHour kilovoltAmpereHour megavoltAmpereHour voltAmpereHour
        v3 ApparentPower ApparentPowerUnit gigavoltAmpere kilovoltAmpere megavoltAmpere millivoltAmpere voltAmpere
        Area AreaUnit acre hectare squareCentimetre squareFoot squareInch squareKilometre squareMetre squareMillimetre
        Capacitance CapacitanceUnit farad microfarad millifarad nanofarad picofarad
        v3 Concentration Unitless partsPerBillion partsPerMillion partsPerQuadrillion partsPerTrillion percent unity
        Current CurrentUnit ampere kiloampere microampere milliampere
        DataRate DataRateUnit bitPerSecond bytePerSecond exbibitPerSecond exbibytePerSecond gibibitPerSecond gibibytePerSecond kibibitPerSecond kibibytePerSecond mebibitPerSecond mebibytePerSecond tebibitPerSecond tebibytePerSecond yobibitPerSecond yobibytePerSecond zebibitPerSecond zebibytePerSecond
        DataSize DataSizeUnit bit byte exbibit exbibyte gibibit gibibyte kibibit kibibyte mebibit mebibyte tebibit tebibyte yobibit yobibyte zebibit zebibyte
        Density DensityUnit gramPerCubicMetre kilogramPerCubicMetre microgramPerCubicMetre milligramPerCubicMetre
        Distance LengthUnit astronomicalUnit centimetre foot inch kilometre metre micrometre mile millimetre nanometre nauticalMile
        ElectricCharge ChargeUnit ampereHour coulomb milliampereHour
        Energy EnergyUnit britishThermalUnit electronvolt gigajoule gigawattHour joule kiloBritishThermalUnit kilojoule kilowattHour megaelectronvolt megajoule megawattHour milliwattHour terawattHour wattHour
        v3 EnergyRate PowerUnit britishThermalUnitPerHour gigajoulePerHour gigawatt horsepower joulePerHour joulePerSecond kiloBritishThermalUnitPerHour kilojoulePerHour kilojoulePerSecond kilowatt kilowattHourPerYear megajoulePerHour megawatt microwatt milliwatt tonOfRefrigeration watt
        Force ForceUnit newton ounce pound ton
        Frequency FrequencyUnit gigahertz hertz kilohertz megahertz millihertz
        Humidity DensityUnit gramPerCubicMetre kilogramPerCubicMetre microgramPerCubicMetre milligramPerCubicMetre
        Illuminance IlluminanceUnit footcandle lux
        Inductance InductanceUnit henry microhenry millihenry
        v3 IonizingRadiationDose IonizingRadiationDoseUnit gray microgray microsievert milligray millisievert sievert
        v3 Irradiance IrradianceUnit wattPerSquareMetre
        Latitude AngleUnit degreeOfArc minuteOfArc radian secondOfArc turn
        Length LengthUnit astronomicalUnit centimetre foot inch kilometre metre micrometre mile millimetre nanometre nauticalMile
        Longitude AngleUnit degreeOfArc minuteOfArc radian secondOfArc turn
        Luminance LuminanceUnit candelaPerSquareMetre
        Luminosity PowerUnit britishThermalUnitPerHour gigajoulePerHour gigawatt horsepower joulePerHour joulePerSecond kiloBritishThermalUnitPerHour kilojoulePerHour kilojoulePerSecond kilowatt kilowattHourPerYear megajoulePerHour megawatt microwatt milliwatt tonOfRefrigeration watt
        LuminousFlux LuminousFluxUnit lumen
        LuminousIntensity LuminousIntensityUnit candela
        MagneticFlux MagneticFluxUnit maxwell weber
        MagneticInduction MagneticInductionUnit gauss tesla
        Mass MassUnit gram kilogram massPound microgram milligram slug tonne
        MassFlowRate MassFlowRateUnit gramPerHour gramPerSecond kilogramPerHour kilogramPerSecond massPoundPerHour
        Power PowerUnit britishThermalUnitPerHour gigajoulePerHour gigawatt horsepower joulePerHour joulePerSecond kiloBritishThermalUnitPerHour kilojoulePerHour kilojoulePerSecond kilowatt kilowattHourPerYear megajoulePerHour megawatt microwatt milliwatt tonOfRefrigeration watt
        Pressure PressureUnit bar decapascal hectopascal inchesOfMercury inchesOfWater kilopascal millibar millimetresOfMercury pascal poundPerSquareInch
        v3 Radioactivity RadioactivityUnit becquerel gigabecquerel kilobecquerel megabecquerel
        v3 ReactiveEnergy ReactiveEnergyUnit gigavoltAmpereReactiveHour kilovoltAmpereReactiveHour megavoltAmpereReactiveHour voltAmpereReactiveHour
        v3 ReactivePower ReactivePowerUnit gigavoltAmpereReactive kilovoltAmpereReactive megavoltAmpereReactive millivoltAmpereReactive voltAmpereReactive
        v3 RelativeDensity Unitless partsPerBillion partsPerMillion partsPerQuadrillion partsPerTrillion percent unity
        RelativeHumidity Unitless partsPerBillion partsPerMillion partsPerQuadrillion partsPerTrillion percent unity
        Resistance ResistanceUnit kiloohm megaohm milliohm ohm
        SoundPressure SoundPressureUnit bel decibel
        Temperature TemperatureUnit degreeCelsius degreeFahrenheit kelvin
        Thrust ForceUnit newton ounce pound ton
        TimeSpan TimeUnit day hour microsecond millisecond minute nanosecond second year
        Torque TorqueUnit newtonMetre
        Velocity VelocityUnit centimetrePerSecond kilometrePerHour kilometrePerSecond knot metrePerHour metrePerSecond milePerHour milePerSecond
        Voltage VoltageUnit kilovolt megavolt microvolt millivolt volt
        Volume VolumeUnit cubicCentimetre cubicFoot cubicInch cubicMetre fluidOunce gallon litre millilitre
        VolumeFlowRate VolumeFlowRateUnit cubicFootPerMinute cubicMetrePerHour cubicMetrePerMinute cubicMetrePerSecond gallonPerHour gallonPerMinute litrePerHour litrePerMinute litrePerSecond millilitrePerHour millilitrePerMinute millilitrePerSecond
        """;

    public sealed record Row(string SemanticType, string UnitType, IReadOnlyList<string> Units, bool V3Only);

    public static readonly IReadOnlyList<Row> Rows = [.. Table.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        .Select(f => f[0] == "v3" ? new Row(f[1], f[2], f[3..], true) : new Row(f[0], f[1], f[2..], false))];

    /// <summary>Other names of unit types (QuantitativeTypes v1 names PowerUnit also EnergyRateUnit).</summary>
    public static readonly IReadOnlyDictionary<string, string> Aliases = new Dictionary<string, string>(StringComparer.Ordinal) { ["EnergyRateUnit"] = "PowerUnit" };

    public static string Canonical(string unitType) => Aliases.GetValueOrDefault(unitType, unitType);

    /// <summary>The units of a unit type.</summary>
    public static IEnumerable<string> UnitsOf(string unitType) =>
        Rows.Where(r => r.UnitType == Canonical(unitType)).SelectMany(r => r.Units).Distinct();

    /// <summary>The semantic types of a version.</summary>
    public static IEnumerable<Row> For(int version) => Rows.Where(r => version >= 3 || !r.V3Only);
}
