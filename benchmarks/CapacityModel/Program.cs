using CapacityModel;

// Prints the capacity table of docs/CAPACITY.md from the measured inputs (CapacityInputs' defaults).
// A test (BookingPortal.Tests/Unit/Capacity) checks the document shows exactly this table.
Console.Write(CapacityPlan.Table(new CapacityInputs()));
